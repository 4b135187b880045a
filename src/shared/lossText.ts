/**
 * A loss or metric as people read it: 4 decimals from 0.001 to a million (`296.8922`), else
 * `significant` digits in exponent form (`1.499e+35`). The app shows 4 significant digits, the
 * command line 5 (its lines are for logs and comparisons).
 *
 * @example
 * lossText(5070.76764); // "5070.7676"
 */
export function lossText(value: number, significant = 4): string {
  const size = Math.abs(value);
  if (!Number.isFinite(value) || value === 0 || (size >= 1e-3 && size < 1e6)) {
    return value.toFixed(4);
  }
  return value.toExponential(significant - 1);
}
