import { InputError } from '../errors';
import { isMissing, parseNumber, quoteCell } from './csvCells';

/**
 * How the columns of a table become the numbers a model takes: a number column is one input, a
 * text (category) column one input per category (one-hot, categories sorted as scikit-learn's
 * OneHotEncoder sorts them), an ISO date column three inputs (year, month, day of the year).
 * Stored in the model file's `preprocessing.columns`, so that `predict` and the exports take raw
 * rows.
 */
export type ColumnEncoding =
  | {
      readonly name: string;
      readonly kind: 'number';
      /** The training split's mean, put in for a missing cell (`"missing": "mean"`). */
      readonly fill?: number;
    }
  | {
      readonly name: string;
      readonly kind: 'category';
      /** Sorted by code point, as Python's `sorted` (and so OneHotEncoder) sorts strings. */
      readonly categories: readonly string[];
      /** The training split's most frequent category (the first in order on a tie). */
      readonly fill?: string;
    }
  | {
      readonly name: string;
      readonly kind: 'date';
      /** The training split's mean year, month and day of the year. */
      readonly fill?: readonly [number, number, number];
    };

export type ColumnKind = ColumnEncoding['kind'];

/**
 * More categories than this in a feature column is a name per row (or free text), not a
 * category: one-hot encoding would give the model an input per row.
 */
export const MAX_CATEGORIES = 200;

/**
 * Python's string order (by code point), which OneHotEncoder's categories follow. JavaScript's `<`
 * compares UTF-16 code units, which differs for characters beyond U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done ? (cb.done ? 0 : -1) : 1;
    const d = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/** `2024-03-05`, optionally with a time (`T14:30`, `14:30:00.5`) and a zone (`Z`, `+01:00`). */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Days before each month in a common year. */
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The year, month and day of the year (1..366) of an ISO date cell, as Python's
 * `date.fromisoformat(cell[:10])` and its `timetuple().tm_yday` give them; undefined when the cell
 * is not a real ISO date (`2023-02-30` is not). The time of day, if any, is not used.
 *
 * @example
 * isoDateParts('2024-03-01'); // [2024, 3, 61]
 */
export function isoDateParts(cell: string): [number, number, number] | undefined {
  const m = ISO_DATE.exec(cell.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = isLeap(year) && month > 2 ? 1 : 0;
  const length = month === 12 ? 31 : DAYS_BEFORE[month]! - DAYS_BEFORE[month - 1]!;
  if (day > length + (month === 2 && isLeap(year) ? 1 : 0)) return undefined;
  return [year, month, DAYS_BEFORE[month - 1]! + leap + day];
}

/** The part names a date column's three inputs carry. */
const DATE_PARTS = ['year', 'month', 'day of year'] as const;

/** Inputs one column takes in the model. */
export function encodedWidth(column: ColumnEncoding): number {
  return column.kind === 'number' ? 1 : column.kind === 'date' ? 3 : column.categories.length;
}

/**
 * The name of every input the columns make, in the model's order: `bill_length_mm`,
 * `island=Biscoe`, `date year`. The columns keep the project's order, each expanded in place.
 */
export function encodedNames(columns: readonly ColumnEncoding[]): string[] {
  return columns.flatMap((c) =>
    c.kind === 'number'
      ? [c.name]
      : c.kind === 'date'
        ? DATE_PARTS.map((part) => `${c.name} ${part}`)
        : c.categories.map((category) => `${c.name}=${category}`),
  );
}

/**
 * True for an input that is one category of a one-hot column: normalisation leaves those as 0 and
 * 1, as a ColumnTransformer scales only the numeric columns.
 */
export function oneHotMask(columns: readonly ColumnEncoding[]): boolean[] {
  return columns.flatMap((c) => new Array<boolean>(encodedWidth(c)).fill(c.kind === 'category'));
}

/**
 * What the inputs are, in words for the Input node and the dataset panel: `4 numbers + island (3)
 * + sex (2)`, `1 number + date (year, month, day of year)`.
 */
export function encodingText(columns: readonly ColumnEncoding[]): string {
  const numbers = columns.filter((c) => c.kind === 'number').length;
  const parts: string[] = [];
  if (numbers > 0) parts.push(numbers === 1 ? '1 number' : `${numbers} numbers`);
  for (const c of columns) {
    if (c.kind === 'category') parts.push(`${c.name} (${c.categories.length})`);
    if (c.kind === 'date') parts.push(`${c.name} (${DATE_PARTS.join(', ')})`);
  }
  return parts.join(' + ');
}

/** True when the columns are plain numbers with nothing filled in: the model reads them as they are. */
export function plainNumbers(columns: readonly ColumnEncoding[]): boolean {
  return columns.every((c) => c.kind === 'number' && c.fill === undefined);
}

/** Where a cell is, for a message: `"farms.csv", row 3, column B "island"`. */
export type CellPlace = () => string;

/** The message for a category a model did not see in training. */
export function unknownCategory(
  where: string,
  cell: string,
  column: Extract<ColumnEncoding, { kind: 'category' }>,
): InputError {
  return new InputError(
    `${where}: ${quoteCell(cell)} is not a category of "${column.name}" the model knows (it learned ${column.categories.map((c) => JSON.stringify(c)).join(', ')}). Use one of those, or train the model on data that has it`,
  );
}

/**
 * Writes the inputs of one raw cell of `column` into `out` at `at` (its encoded width of values):
 * a number, a one-hot category, a date's three parts. A missing cell takes the column's fill, or
 * is an InputError without one (the model was trained with `"missing": "error"` or `"drop"`); so
 * are text in a number column, a category the model does not know, and a cell that is not a date.
 */
export function encodeCell(
  cell: string,
  column: ColumnEncoding,
  decimalComma: boolean,
  out: Float32Array,
  at: number,
  where: CellPlace,
): void {
  if (isMissing(cell)) {
    if (column.fill === undefined) {
      throw new InputError(
        `${where()}: the value is missing, and the model was trained without filling in missing values. Fill it in, or leave the row out`,
      );
    }
    if (column.kind === 'number') out[at] = column.fill;
    else if (column.kind === 'date') out.set(column.fill, at);
    else out[at + column.categories.indexOf(column.fill)] = 1;
    return;
  }
  switch (column.kind) {
    case 'number': {
      const value = parseNumber(cell, decimalComma);
      if (Number.isNaN(value)) {
        throw new InputError(
          `${where()}: ${quoteCell(cell)} is not a number, and the model reads "${column.name}" as numbers. Fix the cell`,
        );
      }
      out[at] = value;
      return;
    }
    case 'date': {
      const parts = isoDateParts(cell);
      if (!parts) {
        throw new InputError(
          `${where()}: ${quoteCell(cell)} is not a date written as the model learned them, year-month-day (2024-03-05). Fix the cell`,
        );
      }
      out.set(parts, at);
      return;
    }
    case 'category': {
      const index = column.categories.indexOf(cell.trim());
      if (index < 0) throw unknownCategory(where(), cell, column);
      out[at + index] = 1;
    }
  }
}
