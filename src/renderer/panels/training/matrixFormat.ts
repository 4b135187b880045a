/** Significant digits of a matrix cell unless a change needs more: as the tutorial prints them. */
const DIGITS = 4;
/** A float32 holds about 7.2 significant digits: an 8th tells float32 neighbours apart. */
const MAX_DIGITS = 8;

/** A matrix cell: `digits` significant digits, trailing zeros dropped. */
export function formatCell(value: number, digits = DIGITS): string {
  return Number.isFinite(value) ? Number(value.toPrecision(digits)).toString() : String(value);
}

/** The power of ten of a value's leading digit: 0 for 1.338, -4 for 0.0003. */
const exponent = (value: number) => Math.floor(Math.log10(Math.abs(value)));

/**
 * Significant digits that make every change visible when `before` and `before + update` are
 * printed: a value's digits must reach down to its change's leading digit, so 1.338 + 0.0003
 * takes 5 (1.3376 -> 1.3379) where 4 print 1.338 twice. At least 4, at most 8.
 *
 * @example
 * digitsForChange([1.3376], [0.0003]); // 5
 */
export function digitsForChange(before: readonly number[], update: readonly number[]): number {
  let digits = DIGITS;
  before.forEach((value, i) => {
    const change = update[i] ?? 0;
    const size = Math.max(Math.abs(value), Math.abs(value + change));
    if (change === 0 || size === 0 || !Number.isFinite(size)) return;
    digits = Math.max(digits, exponent(size) - exponent(change) + 1);
  });
  return Math.min(digits, MAX_DIGITS);
}

/**
 * A column's heading: a pixel's `row,col` when the columns are an image's pixels (`imageCols`
 * wide), else its 0-based index.
 */
export function columnLabel(column: number, imageCols?: number): string {
  return imageCols ? `${Math.floor(column / imageCols)},${column % imageCols}` : String(column);
}
