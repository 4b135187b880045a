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

/**
 * A learning rate as people write one: 5 significant digits without trailing zeros ("0.05",
 * "0.07525", "2.5e-7"), not the last bits of the schedule's float64 value.
 */
export function rateText(lr: number): string {
  return String(Number(lr.toPrecision(5)));
}
