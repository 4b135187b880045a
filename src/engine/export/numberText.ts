import { FLOAT32_MIN_NORMAL } from '../../shared/numberLimits';

/**
 * The shortest decimal that reads back as the same float32: `0.1` for Math.fround(0.1), not
 * `0.10000000149011612`. What exports and `layerboard predict` write for float32 values.
 *
 * @example
 * shortestFloat32(Math.fround(56.831)); // '56.831'
 */
export function shortestFloat32(value: number): string {
  const target = Math.fround(value);
  if (!Number.isFinite(target)) return String(target);
  // A normal float32 is within 2^-24 of itself relative, far less than half a unit of a decimal's
  // 6th digit (5e-7 relative at least): so when some decimal of k <= 6 digits reads back as it,
  // that decimal is also the nearest of 6 digits. Trying 6 first finds it (its zeros dropped by
  // String) and spares the 5 shorter tries that most trained weights fail. Subnormals, whose
  // precision is coarser, try every length.
  const first = Math.abs(target) < FLOAT32_MIN_NORMAL ? 1 : 6;
  for (let digits = first; digits < 9; digits++) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) return String(candidate);
  }
  // Nine significant digits always identify a float32.
  return String(Number(target.toPrecision(9)));
}
