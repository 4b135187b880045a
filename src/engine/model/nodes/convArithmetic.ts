import { batchShapeText } from '../shapeText';

/**
 * The sliding-window arithmetic nn.Conv2d and the pooling layers share: along one side of n
 * values, a k-wide window moved by s over n + 2p values fits ⌊(n + 2p − k) / s⌋ + 1 times
 * (PyTorch's floor mode).
 */
export interface Window {
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: number;
}

export function windowOutput(n: number, { kernelSize, stride, padding }: Window): number {
  return Math.floor((n + 2 * padding - kernelSize) / stride) + 1;
}

/** "(28 + 2·1 − 3) / 1 + 1 = 28", with ⌊ ⌋ when the division does not come out even. */
export function windowText(n: number, window: Window): string {
  const { kernelSize, stride, padding } = window;
  const padded = padding === 0 ? `${n}` : `${n} + 2·${padding}`;
  const even = (n + 2 * padding - kernelSize) % stride === 0;
  const quotient = `(${padded} − ${kernelSize}) / ${stride}`;
  return `${even ? quotient : `⌊${quotient}⌋`} + 1 = ${windowOutput(n, window)}`;
}

/** The arithmetic of both sides, once when the input is square. */
export function windowArithmetic(inputShape: readonly number[], window: Window): string {
  const [, h, w] = inputShape as [number, number, number];
  if (h === w) return windowText(h, window);
  return `height ${windowText(h, window)}; width ${windowText(w, window)}`;
}

/**
 * Why a window layer (`label`, "Conv2d") cannot take `inputShape`, or undefined: it needs images
 * `[channels, height, width]`, a kernel no larger than the padded input.
 */
export function windowProblem(
  label: string,
  inputShape: readonly number[],
  window: Window,
): string | undefined {
  if (inputShape.length !== 3) {
    const flat = inputShape.length === 1;
    return `${label} slides over images shaped [batch, channels, height, width] but gets ${batchShapeText(inputShape)}${
      flat
        ? ': it cannot come after a Flatten or a Linear; put the Flatten after the last convolution or pooling layer'
        : ''
    }`;
  }
  const [, h, w] = inputShape as [number, number, number];
  const { kernelSize: k, padding: p } = window;
  if (k > h + 2 * p || k > w + 2 * p) {
    const padded = p === 0 ? '' : ` (${h + 2 * p} x ${w + 2 * p} with padding ${p})`;
    return `the ${k} x ${k} kernel is larger than its ${h} x ${w} input${padded}: lower Kernel size${
      label === 'Conv2d' ? ' or add padding' : ''
    }, or remove a layer that shrinks the image before it`;
  }
  return undefined;
}

/**
 * A note when the stride leaves the last rows or columns out: PyTorch's floor mode drops what a
 * last window cannot cover, which is legal but often a surprise.
 */
export function strideNote(inputShape: readonly number[], window: Window): string | undefined {
  if (inputShape.length !== 3) return undefined;
  const [, h, w] = inputShape as [number, number, number];
  const { kernelSize: k, stride: s, padding: p } = window;
  const leftH = (h + 2 * p - k) % s;
  const leftW = (w + 2 * p - k) % s;
  if (leftH === 0 && leftW === 0) return undefined;
  return `stride ${s} does not fit evenly: the last ${Math.max(leftH, leftW)} row(s) or column(s) are never covered by the window; choose a stride that divides ${h + 2 * p - k}, or change the padding`;
}
