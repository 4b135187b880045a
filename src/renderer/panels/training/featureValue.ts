/** A float32 keeps about 7.2 significant digits; normalising and undoing it blurs the 7th. */
const DIGITS = 6;

/**
 * A value of the user's data as people write it: 6 significant digits but never fewer than its
 * whole part has (5.0999999 is 5.1, 8.3999987 is 8.4, 1234567.1 is 1,234,567), thousands
 * grouped, powers of ten only for the very small and the very large.
 *
 * @example
 * formatFeature(5.0999999); // '5.1'
 */
export function formatFeature(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (value !== 0 && (size < 1e-4 || size >= 1e15)) {
    return Number(value.toPrecision(4)).toExponential();
  }
  const whole = size >= 1 ? Math.floor(Math.log10(size)) + 1 : 1;
  return value.toLocaleString('en-US', { maximumSignificantDigits: Math.max(DIGITS, whole) });
}
