import { isMissing, parseNumber } from './csvCells';
import { isoDateParts, MAX_CATEGORIES } from './tableEncoding';

/**
 * What a column holds: numbers; ISO dates (year-month-day); text (categories, or a name per row:
 * `idLike`); nothing but missing cells (`empty`).
 */
export type ColumnType = 'numeric' | 'date' | 'text' | 'empty';

/** What the dataset panel shows about one CSV column, and what the role defaults are drawn from. */
export interface ColumnSummary {
  readonly name: string;
  /** 0-based position in the file. */
  readonly index: number;
  /**
   * `numeric` when every cell with a value is a number, `date` when every one is an ISO date,
   * `empty` when no cell has a value.
   */
  readonly type: ColumnType;
  /** Cells with a value. */
  readonly count: number;
  /** Cells holding a number: most of `count` in a text column means a typo, not categories. */
  readonly numbers: number;
  /** Missing cells: blank, `NA`, `NaN`, `?`... (csvCells.ts). */
  readonly missing: number;
  /** The data rows (0-based, in file order) whose cell in this column is missing. */
  readonly missingRows: readonly number[];
  /** Different values, counted up to `MAX_DISTINCT` (then `distinctCapped`). */
  readonly distinct: number;
  readonly distinctCapped: boolean;
  /** The different values (trimmed), when there are at most `MAX_DISTINCT`. */
  readonly values: readonly string[];
  /** Numeric columns: every value a whole number. */
  readonly integers: boolean;
  /**
   * A label per row rather than data: text with every value different (like crop-yields'
   * `region`, or too many values to be classes), or a row number: a column named like one (`id`,
   * `index`, pandas' unnamed index) counting 0, 1, 2... or 1, 2, 3...
   */
  readonly idLike: boolean;
  /** Numeric columns only (NaN otherwise); `std` is the population standard deviation. */
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** The first cell that is not a number, for the panel to explain why a column is text. */
  readonly firstText?: { readonly row: number; readonly value: string };
}

/**
 * True when a column can feed a model: numbers, dates (three inputs), or text with few enough
 * different values to be categories (one input each, one-hot); not a row number or a name per row,
 * nor numbers with a typo among them.
 */
export function usableAsFeature(column: ColumnSummary): boolean {
  if (column.idLike) return false;
  if (column.type === 'numeric' || column.type === 'date') return true;
  // Mostly numbers with a word among them: a typo to fix first (the table reader refuses it).
  if (column.numbers * 2 > column.count) return false;
  return column.type === 'text' && column.distinct <= MAX_CATEGORIES;
}

/** Different values tracked per column: more is neither a class column nor useful to list. */
export const MAX_DISTINCT = 1000;

/** Accumulates a column's summary cell by cell, in one pass (Welford's mean and variance). */
export class ColumnAccumulator {
  private count = 0;
  private missing = 0;
  private readonly missingRows: number[] = [];
  private rows = 0;
  private dates = 0;
  private numbers = 0;
  private mean = 0;
  private m2 = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private integers = true;
  private counting = true;
  private firstText: { row: number; value: string } | undefined;
  private readonly values = new Set<string>();
  private capped = false;

  constructor(
    private readonly name: string,
    private readonly index: number,
    private readonly decimalComma: boolean,
  ) {}

  add(cell: string, row: number): void {
    const trimmed = cell.trim();
    const index = this.rows++;
    if (isMissing(trimmed)) {
      this.missing++;
      this.missingRows.push(index);
      return;
    }
    this.count++;
    if (!this.capped) {
      this.values.add(trimmed);
      if (this.values.size > MAX_DISTINCT) {
        this.capped = true;
        this.values.clear();
      }
    }
    const value = parseNumber(trimmed, this.decimalComma);
    if (Number.isNaN(value)) {
      this.firstText ??= { row, value: trimmed };
      if (isoDateParts(trimmed)) this.dates++;
      return;
    }
    // A row number counts up by one from its first value: 0, 1, 2... or 1, 2, 3...
    if (this.counting && this.numbers > 0 && value !== this.min + this.numbers) {
      this.counting = false;
    }
    this.numbers++;
    const delta = value - this.mean;
    this.mean += delta / this.numbers;
    this.m2 += delta * (value - this.mean);
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (this.integers && !Number.isInteger(value)) this.integers = false;
  }

  /** The summary; `idName` says the column's name is that of a row number (see `idLike`). */
  summary(idName: boolean): ColumnSummary {
    const type: ColumnType =
      this.count === 0
        ? 'empty'
        : this.numbers === this.count
          ? 'numeric'
          : this.dates === this.count
            ? 'date'
            : 'text';
    const numeric = type === 'numeric';
    const distinct = this.capped ? MAX_DISTINCT + 1 : this.values.size;
    const allDifferent = this.capped || (distinct === this.count && this.missing === 0);
    // Numbers with a word among them are a measurement with a typo, not a name per row.
    const mostlyNumbers = this.numbers * 2 > this.count;
    const idLike =
      this.count > 1 &&
      (type === 'text'
        ? allDifferent && !mostlyNumbers
        : idName && this.counting && (this.min === 0 || this.min === 1));
    return {
      name: this.name,
      index: this.index,
      type,
      count: this.count,
      numbers: this.numbers,
      missing: this.missing,
      missingRows: this.missingRows,
      distinct,
      distinctCapped: this.capped,
      values: this.capped ? [] : [...this.values],
      integers: numeric && this.integers,
      idLike,
      mean: numeric ? this.mean : Number.NaN,
      std: numeric ? Math.sqrt(this.m2 / this.numbers) : Number.NaN,
      min: numeric ? this.min : Number.NaN,
      max: numeric ? this.max : Number.NaN,
      ...(this.firstText ? { firstText: this.firstText } : {}),
    };
  }
}
