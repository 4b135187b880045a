/**
 * Cells of a CSV file: what counts as a number or a blank, and how messages name a place in the
 * file, the way a spreadsheet shows it (rows from 1 with the header as row 1, columns A, B, C...).
 */

/** `0x1f`, `0b1`, `0o7`: literals `Number()` reads that are not decimal numbers in a table. */
const RADIX_PREFIX = /^\s*0[xXbBoO]/;
/** `3,14`: a decimal comma, as semicolon-separated files from European spreadsheets write it. */
const DECIMAL_COMMA = /^\s*[+-]?\d+,\d+\s*$/;

/**
 * Words that mean "no value here" in files exported from R, pandas or spreadsheets (compared
 * without case): `NA`, `N/A`, `NaN`, `null`, `None`, `?`, `-`, and Excel's `#N/A`.
 */
const MISSING_WORDS = new Set(['na', 'n/a', 'nan', 'null', 'none', '?', '-', '#n/a']);

/** True for a cell with nothing but spaces in it. */
export function isBlank(cell: string): boolean {
  return cell.trim() === '';
}

/**
 * The number a cell holds, or NaN when it holds text, is blank, or overflows float64 (`1e999`).
 * With `decimalComma`, `3,14` reads as 3.14.
 *
 * @example
 * parseNumber(' 2.5 ', false); // 2.5
 * parseNumber('3,14', true); // 3.14
 * parseNumber('abc', false); // NaN
 */
export function parseNumber(cell: string, decimalComma: boolean): number {
  // Number() is the fast path (it trims white space itself); it also reads a few things that are
  // not numbers in a table: "" and "  " as 0, hex/binary/octal literals, and Infinity.
  const value = Number(cell);
  if (Number.isFinite(value)) {
    if (value === 0 && isBlank(cell)) return Number.NaN;
    if (Number.isInteger(value) && value >= 0 && RADIX_PREFIX.test(cell)) return Number.NaN;
    return value;
  }
  if (decimalComma && DECIMAL_COMMA.test(cell)) return Number(cell.replace(',', '.'));
  return Number.NaN;
}

/** True when a text cell is a common way of writing "missing", like `NA` or `NaN`. */
export function looksMissing(cell: string): boolean {
  return MISSING_WORDS.has(cell.trim().toLowerCase());
}

/** The longest word for missing (`#n/a`, `null`, `none`): a longer cell is never one. */
const LONGEST_MISSING = 4;

/**
 * True for a missing value: a blank cell, or one of the words for missing (`looksMissing`). Every
 * cell of a table goes through it, so a cell longer than any such word is answered at once.
 */
export function isMissing(cell: string): boolean {
  const s = cell.trim();
  return s === '' || (s.length <= LONGEST_MISSING && MISSING_WORDS.has(s.toLowerCase()));
}

/** The spreadsheet letter of a 0-based column: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `"data.csv", row 4, column C "rainfall"`: where a problem is, as a spreadsheet shows it. */
export function cellPlace(file: string, row: number, column?: number, name?: string): string {
  let out = `"${file}", row ${row}`;
  if (column !== undefined) out += `, column ${columnLetter(column)}`;
  if (name !== undefined) out += ` "${name}"`;
  return out;
}

/** A cell's text for a message: quoted, and shortened if long. */
export function quoteCell(cell: string): string {
  const s = cell.trim();
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s);
}
