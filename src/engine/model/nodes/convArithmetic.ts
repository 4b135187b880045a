import { countOf } from '../../../shared/plural';
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

/**
 * The arithmetic of both sides of an image `[channels, height, width]`: once when it is square,
 * else "height …; width …" (the node shows each part on a line of its own).
 *
 * @example
 * windowArithmetic([1, 28, 28], { kernelSize: 3, stride: 1, padding: 1 }); // "(28 + 2·1 − 3) / 1 + 1 = 28"
 */
export function windowArithmetic(inputShape: readonly number[], window: Window): string {
  const [, h, w] = inputShape as [number, number, number];
  if (h === w) return windowText(h, window);
  return `height ${windowText(h, window)}; width ${windowText(w, window)}`;
}

/**
 * Why a window layer (`label`, "Conv2d") cannot take `inputShape`, or undefined: it needs images
 * `[channels, height, width]`, and a kernel no larger than the padded input (PyTorch's
 * "Kernel size can't be greater than actual input size").
 */
export function windowProblem(
  label: string,
  inputShape: readonly number[],
  window: Window,
): string | undefined {
  if (inputShape.length !== 3) {
    const got = batchShapeText(inputShape);
    return inputShape.length === 1
      ? `${label} slides over images shaped [batch, channels, height, width] but gets flat rows ${got}: put it before the Flatten, or use Linear layers on rows`
      : `${label} slides over images shaped [batch, channels, height, width] but gets ${got}`;
  }
  const [, h, w] = inputShape as [number, number, number];
  const { kernelSize: k, padding: p } = window;
  if (k > h + 2 * p || k > w + 2 * p) {
    const padded = p === 0 ? '' : ` (${h + 2 * p} x ${w + 2 * p} with padding ${p})`;
    const remedy = label === 'Conv2d' ? 'lower Kernel size or raise Padding' : 'lower Kernel size';
    return `${label}'s ${k} x ${k} kernel is larger than its ${h} x ${w} input${padded}: ${remedy}, or remove a layer before it that shrinks the image`;
  }
  return undefined;
}

/** "the last row", "the last 2 columns", "the last row and column". */
function leftOutText(rows: number, columns: number): string {
  if (rows === columns)
    return rows === 1 ? 'the last row and column' : `the last ${rows} rows and columns`;
  const side = (n: number, noun: string) =>
    n === 1 ? `the last ${noun}` : `the last ${countOf(n, noun)}`;
  return [rows > 0 ? side(rows, 'row') : '', columns > 0 ? side(columns, 'column') : '']
    .filter(Boolean)
    .join(' and ');
}

/**
 * A note when the stride leaves the last rows or columns of the image out: PyTorch's floor mode
 * drops what a last window cannot reach, which is legal but often a surprise. Of the unreached
 * rows at the end of the padded input the last `padding` are zeros, so only the others count: a
 * 3 x 3 kernel with stride 2 and padding 1 on 14 (⌊13 / 2⌋ + 1 = 7) leaves out only padding, as
 * ResNet's downsampling does. `hasPadding` says whether the layer has a Padding to change
 * (Conv2d does, the pools do not).
 */
export function strideNote(
  inputShape: readonly number[],
  window: Window,
  hasPadding: boolean,
): string | undefined {
  if (inputShape.length !== 3) return undefined;
  const [, h, w] = inputShape as [number, number, number];
  const { kernelSize: k, stride: s, padding: p } = window;
  // A kernel larger than the input is windowProblem's error, not a note.
  if (k > h + 2 * p || k > w + 2 * p) return undefined;
  const rows = Math.max(0, ((h + 2 * p - k) % s) - p);
  const columns = Math.max(0, ((w + 2 * p - k) % s) - p);
  if (rows === 0 && columns === 0) return undefined;
  return `stride ${s} does not fit evenly: the window never reaches ${leftOutText(rows, columns)} of the input, which PyTorch drops; change ${hasPadding ? 'Stride, Kernel size or Padding' : 'Stride or Kernel size'}`;
}
