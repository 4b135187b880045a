import type { Normalization } from '../../shared/project';
import { type Dataset, sampleSize } from './dataset';
import { type ColumnEncoding, oneHotMask } from './tableEncoding';

/** What was done to raw inputs before the model saw them, besides normalisation. */
export interface RawInput {
  /** Multiplier applied to raw values first: 1/255 for images stored as bytes. */
  readonly imageScale?: number;
  /** The CSV columns the model reads, in order (tables only): what `predict` takes from a file. */
  readonly features?: readonly string[];
  /**
   * How those columns become inputs, when any is not a plain number column (categories one-hot,
   * dates in three parts, missing cells filled): see tableEncoding.ts.
   */
  readonly columns?: readonly ColumnEncoding[];
}

/**
 * Everything applied to raw inputs, stored in the model file so that a model predicts from raw
 * data: first `imageScale`, then the per-feature normalisation fitted on the training split.
 * Plain JSON (numbers in arrays), so it serialises as it is.
 */
export type Preprocessing = RawInput &
  (
    | { readonly kind: 'none' }
    /** `(x - mean) / std`, as sklearn's StandardScaler: population std, and 1 where it is 0. */
    | { readonly kind: 'standardize'; readonly mean: number[]; readonly std: number[] }
    /** `(x - min) / (max - min)`, as sklearn's MinMaxScaler: a range of 0 divides by 1. */
    | { readonly kind: 'minmax'; readonly min: number[]; readonly max: number[] }
  );

/**
 * Fits the normalisation on `train` (the training split only, so nothing of the validation or
 * test data leaks into it), per feature: a table's columns, or an image's pixels. Statistics are
 * summed in float64. The inputs of one-hot categories keep their 0 and 1 (offset 0, divisor 1),
 * as a ColumnTransformer scales only the numeric columns.
 *
 * @example
 * const prep = fitPreprocessing(train, 'standardize', { features: train.featureNames });
 * normalizeInPlace(train.x, prep);
 */
export function fitPreprocessing(
  train: Dataset,
  kind: Normalization,
  raw: RawInput = {},
): Preprocessing {
  if (kind === 'none') return { ...raw, kind };
  const fitted = fitNormalization(train, kind);
  if (!raw.columns) return { ...raw, ...fitted };
  const oneHot = oneHotMask(raw.columns);
  const [offset, scale] =
    fitted.kind === 'standardize' ? [fitted.mean, fitted.std] : [fitted.min, fitted.max];
  oneHot.forEach((neutral, j) => {
    if (!neutral) return;
    offset[j] = 0;
    scale[j] = 1;
  });
  return { ...raw, ...fitted };
}

type Fitted = Exclude<Preprocessing, { kind: 'none' }>;

function fitNormalization(train: Dataset, kind: 'standardize' | 'minmax'): Fitted {
  const width = sampleSize(train);
  const { x, count } = train;
  if (kind === 'minmax') {
    const min = new Array<number>(width).fill(Number.POSITIVE_INFINITY);
    const max = new Array<number>(width).fill(Number.NEGATIVE_INFINITY);
    for (let r = 0, i = 0; r < count; r++) {
      for (let j = 0; j < width; j++, i++) {
        const v = x[i]!;
        if (v < min[j]!) min[j] = v;
        if (v > max[j]!) max[j] = v;
      }
    }
    return { kind, min, max };
  }
  // Two passes (mean, then squared deviations) rather than sum of squares: no cancellation.
  const sum = new Float64Array(width);
  for (let r = 0, i = 0; r < count; r++) for (let j = 0; j < width; j++, i++) sum[j]! += x[i]!;
  const mean = Array.from(sum, (s) => s / count);
  const squares = new Float64Array(width);
  for (let r = 0, i = 0; r < count; r++) {
    for (let j = 0; j < width; j++, i++) {
      const d = x[i]! - mean[j]!;
      squares[j]! += d * d;
    }
  }
  const std = Array.from(squares, (s) => Math.sqrt(s / count) || 1);
  return { kind, mean, std };
}

/** Offset and divisor per feature of a normalisation: `x' = (x - offset) / divisor`. */
function affine(
  prep: Preprocessing,
): { offset: readonly number[]; divisor: readonly number[] } | undefined {
  switch (prep.kind) {
    case 'none':
      return undefined;
    case 'standardize':
      return { offset: prep.mean, divisor: prep.std };
    case 'minmax':
      return { offset: prep.min, divisor: prep.max.map((m, j) => m - prep.min[j]! || 1) };
  }
}

/**
 * Applies the normalisation part of `prep` to already scaled inputs, in place (a loaded dataset's
 * `x`, whose images are already in [0, 1]). Computed in float64, rounded once to float32.
 */
export function normalizeInPlace(x: Float32Array, prep: Preprocessing): void {
  const a = affine(prep);
  if (!a) return;
  const width = a.offset.length;
  if (x.length % width !== 0) {
    throw new RangeError(`normalizeInPlace: ${x.length} values are not rows of ${width} features`);
  }
  for (let i = 0; i < x.length; ) {
    for (let j = 0; j < width; j++, i++) x[i] = (x[i]! - a.offset[j]!) / a.divisor[j]!;
  }
}

/**
 * Turns raw inputs (CSV rows of numbers, images as bytes 0..255; one sample or many, row-major)
 * into what the model takes: `imageScale` first, rounded to float32 as the loader stores it, then
 * the normalisation.
 *
 * @example
 * const x = applyPreprocessing(Float32Array.of(73, 67, 43), model.preprocessing);
 */
export function applyPreprocessing(raw: ArrayLike<number>, prep: Preprocessing): Float32Array {
  const out = Float32Array.from(raw);
  const scale = prep.imageScale;
  if (scale !== undefined) for (let i = 0; i < out.length; i++) out[i] = out[i]! * scale;
  normalizeInPlace(out, prep);
  return out;
}
