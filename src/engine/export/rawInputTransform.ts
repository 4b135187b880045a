import type { ModelFile } from './modelFile';

/** What the app did to raw inputs, as the exports rebuild it in front of the model. */
export interface RawInputTransform {
  /**
   * Images first: `x / by` when the scale is the inverse of a whole number (1/255: the loader's
   * `v / 255`, torchvision's ToTensor), else `x * by`.
   */
  readonly scale?: { readonly op: 'divide' | 'multiply'; readonly by: number };
  /** Then per value of a sample: `(x - offset) / divisor`. */
  readonly affine?: {
    readonly kind: 'standardize' | 'minmax';
    readonly offset: readonly number[];
    readonly divisor: readonly number[];
    /** PyTorch's and ONNX's names for the two constants: `mean`/`std` or `min`/`range`. */
    readonly offsetName: string;
    readonly divisorName: string;
  };
}

/**
 * The model file's preprocessing as a scale and an affine map (its statistics, one per value of a
 * sample, were checked on load: modelFileChecks.ts). The divisor of min-max is `max - min`, or 1
 * where the range is 0, as normalize.ts divides.
 *
 * @example
 * rawInputTransform(file); // { affine: { kind: 'standardize', offset: mean, divisor: std, ... } }
 */
export function rawInputTransform(file: ModelFile): RawInputTransform {
  const prep = file.preprocessing;
  let scale: RawInputTransform['scale'];
  if (prep.imageScale !== undefined && prep.imageScale !== 1) {
    const inverse = 1 / prep.imageScale;
    const whole = Math.round(inverse);
    scale =
      Math.abs(inverse - whole) < 1e-9 * whole
        ? { op: 'divide', by: whole }
        : { op: 'multiply', by: prep.imageScale };
  }
  if (prep.kind === 'none') return scale ? { scale } : {};
  const [offset, divisor] =
    prep.kind === 'standardize'
      ? [prep.mean, prep.std]
      : [prep.min, prep.max.map((m, j) => m - prep.min[j]! || 1)];
  const [offsetName, divisorName] =
    prep.kind === 'standardize' ? ['mean', 'std'] : ['min', 'range'];
  return {
    ...(scale ? { scale } : {}),
    affine: { kind: prep.kind, offset, divisor, offsetName, divisorName },
  };
}
