import type { Preprocessing } from '../data/normalize';

/** Offset and divisor per feature, as normalize.ts applies them: `x' = (x - offset) / divisor`. */
function affine(prep: Preprocessing): { offset: readonly number[]; divisor: readonly number[] } {
  switch (prep.kind) {
    case 'none':
      return { offset: [], divisor: [] };
    case 'standardize':
      return { offset: prep.mean, divisor: prep.std };
    case 'minmax':
      // A column of one value has range 0: normalize.ts divides by 1 there.
      return { offset: prep.min, divisor: prep.max.map((m, j) => m - prep.min[j]! || 1) };
  }
}

/**
 * The raw values behind model inputs (the inverse of applyPreprocessing): `x * divisor + offset`,
 * then undoing `imageScale`, so that charts and galleries show the data as it is in the file
 * (pixels 0..255, a city's population) rather than as the model sees it.
 *
 * @example
 * rawInputs(data.x.subarray(0, 784), prep); // one image's pixels, 0..255
 */
export function rawInputs(x: ArrayLike<number>, prep: Preprocessing): Float64Array {
  const { offset, divisor } = affine(prep);
  const width = offset.length;
  const scale = prep.imageScale ?? 1;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = width === 0 ? 0 : i % width;
    const scaled = width === 0 ? 0 : x[i]! * divisor[j]!;
    const value = width === 0 ? x[i]! : scaled + offset[j]!;
    // x was rounded to float32 (at most 2^-24 of |x| off), so `value` is only known to about
    // 2^-24 of |scaled|: a 0 of the file comes back as 9e-8. Within 4 times that of 0 is 0.
    out[i] = Math.abs(value) <= Math.abs(scaled) * 2 ** -22 ? 0 : value / scale;
  }
  return out;
}
