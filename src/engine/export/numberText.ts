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
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) return String(candidate);
  }
  // Nine significant digits always identify a float32.
  return String(Number(target.toPrecision(9)));
}
