import type { MissingPolicy } from '../../shared/project';
import { InputError } from '../errors';
import { float32Blocks, int32Blocks } from './blockArray';
import { sortClasses } from './classes';
import { cellPlace, isBlank, isMissing, parseNumber, quoteCell } from './csvCells';
import { type CsvHead, readTable } from './csvTable';
import type { Dataset, Targets } from './dataset';
import type { DataSource } from './source';
import {
  type ColumnEncoding,
  compareCodePoints,
  encodedNames,
  encodedWidth,
  isoDateParts,
  MAX_CATEGORIES,
  unknownCategory,
} from './tableEncoding';

/** Which columns of a CSV file feed the model, what it learns, and what a missing cell does. */
export interface CsvColumns {
  readonly features: readonly string[];
  readonly targets: readonly string[];
  readonly task: 'regression' | 'classification';
  /** `error` when absent: see MISSING_POLICIES in shared/project.ts. */
  readonly missing?: MissingPolicy;
}

/** More classes than this is not a classification a student means (an id or a measurement). */
export const MAX_CLASSES = 1000;

type Role = 'feature' | 'target';

/** Column indices of `names`, or an InputError naming the missing one and listing the columns. */
function resolve(file: string, head: CsvHead, names: readonly string[], role: Role): number[] {
  return names.map((name) => {
    const index = head.names.indexOf(name);
    if (index === -1) {
      throw new InputError(
        `"${file}" has no column "${name}" (the project names it as a ${role}; the file's columns are ${head.names.map((n) => `"${n}"`).join(', ')}). Choose the columns again in the dataset panel, or fix the column name in the project file`,
      );
    }
    return index;
  });
}

/** The message for a missing cell when the project says `"missing": "error"`. */
function missingCell(place: string, cell: string): InputError {
  const what = isBlank(cell) ? 'the cell is blank' : `${quoteCell(cell)} marks a missing value`;
  return new InputError(
    `${place}: ${what}. Fill it in, or choose what to do with missing values in the dataset panel: leave out such rows, or fill in the mean ("missing": "drop" or "mean" in the project file)`,
  );
}

/** A feature column as read: its cells as numbers, dates and category codes, kept while they fit. */
class ColumnReader {
  private readonly numbers = float32Blocks();
  private numberCount = 0;
  /** Year, month and day of the year, while every cell so far is an ISO date. */
  private readonly dates = [float32Blocks(), float32Blocks(), float32Blocks()] as const;
  private dateCount = 0;
  private allDates = true;
  private readonly codes = int32Blocks();
  private readonly levels = new Map<string, number>();
  private tooManyLevels = false;
  private present = 0;
  private firstText: { row: number; cell: string } | undefined;

  constructor(
    readonly name: string,
    readonly index: number,
  ) {}

  /** Adds a cell; `false` for a missing one. */
  add(cell: string, row: number, decimalComma: boolean): boolean {
    if (isMissing(cell)) {
      this.numbers.push(Number.NaN);
      if (this.allDates) for (const part of this.dates) part.push(Number.NaN);
      if (!this.tooManyLevels) this.codes.push(-1);
      return false;
    }
    this.present++;
    const value = parseNumber(cell, decimalComma);
    this.numbers.push(value);
    if (!Number.isNaN(value)) this.numberCount++;
    else this.firstText ??= { row, cell };
    if (this.allDates) {
      const parts = isoDateParts(cell);
      if (parts) {
        this.dateCount++;
        for (let i = 0; i < 3; i++) this.dates[i]!.push(parts[i]!);
      } else this.allDates = false;
    }
    if (!this.tooManyLevels) {
      const text = cell.trim();
      let code = this.levels.get(text);
      if (code === undefined) {
        code = this.levels.size;
        if (code === MAX_CATEGORIES) this.tooManyLevels = true;
        else this.levels.set(text, code);
      }
      if (!this.tooManyLevels) this.codes.push(code);
    }
    return true;
  }

  /** The column's values, typed by what its cells hold. */
  finish(file: string, head: CsvHead): RawColumn {
    const { name } = this;
    if (this.present === 0) {
      throw new InputError(
        `column "${name}" of "${file}" has no values, only missing cells. Leave it out of the features`,
      );
    }
    if (this.numberCount === this.present) {
      return { name, kind: 'number', values: this.numbers.toArray() };
    }
    if (this.allDates && this.dateCount === this.present) {
      const [year, month, day] = this.dates;
      return { name, kind: 'date', parts: [year.toArray(), month.toArray(), day.toArray()] };
    }
    // Mostly numbers with a few words among them is a typo in a measurement, not categories.
    if (this.numberCount * 2 > this.present) {
      const { row, cell } = this.firstText!;
      throw new InputError(
        `${cellPlace(file, row, this.index, head.names[this.index])}: ${quoteCell(cell)} is not a number, but most cells of this column are. Fix the cell, or empty it to mark the value missing`,
      );
    }
    if (this.tooManyLevels) {
      throw new InputError(
        `column "${name}" of "${file}" holds text with more than ${MAX_CATEGORIES} different values, a name per row rather than categories. Leave it out of the features`,
      );
    }
    // Categories in Python's sorted order (OneHotEncoder's); codes renumbered to match.
    const levels = [...this.levels.keys()].sort(compareCodePoints);
    const rank = new Map(levels.map((level, i) => [level, i]));
    const remap = Int32Array.from(this.levels.keys(), (key) => rank.get(key)!);
    const codes = this.codes.toArray();
    for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) codes[i] = remap[codes[i]!]!;
    return { name, kind: 'category', codes, levels };
  }
}

/** A feature column as read, one value per kept row; NaN (or code -1) marks a missing cell. */
export type RawColumn =
  | { readonly name: string; readonly kind: 'number'; readonly values: Float32Array }
  | {
      readonly name: string;
      readonly kind: 'category';
      /** Index into `levels` per row, -1 when missing. */
      readonly codes: Int32Array;
      /** Sorted by code point, as OneHotEncoder sorts categories. */
      readonly levels: readonly string[];
    }
  | {
      readonly name: string;
      readonly kind: 'date';
      /** Year, month and day of the year, per row. */
      readonly parts: readonly [Float32Array, Float32Array, Float32Array];
    };

/** A CSV table as read, before encoding: its feature columns, typed, and the targets. */
export interface RawTable {
  readonly name: string;
  /** Rows kept. */
  readonly count: number;
  readonly columns: readonly RawColumn[];
  readonly targets: Targets;
  /** What the missing-value policy did: rows read, rows left out, missing feature cells. */
  readonly missing: MissingReport;
}

/** The counts the app and `layerboard train` report about missing values. */
export interface MissingReport {
  readonly policy: MissingPolicy;
  readonly rowsRead: number;
  readonly rowsLeftOut: number;
  /** Missing feature cells in the rows kept: filled in with `mean`, 0 otherwise. */
  readonly cellsMissing: number;
}

/**
 * What the missing-value policy did, in words for the dataset panel and `layerboard train`:
 * `344 rows read; 2 left out for a missing value; 9 missing cells filled in from the training
 * split`. Undefined when nothing was missing.
 */
export function missingText(report: MissingReport): string | undefined {
  const { rowsRead, rowsLeftOut, cellsMissing, policy } = report;
  if (rowsLeftOut === 0 && cellsMissing === 0) return undefined;
  const rows = (n: number) => (n === 1 ? '1 row' : `${n.toLocaleString('en-US')} rows`);
  const parts = [`${rows(rowsRead)} read`];
  if (rowsLeftOut > 0) {
    const why = policy === 'drop' ? 'a missing value' : 'a missing target';
    parts.push(`${rowsLeftOut.toLocaleString('en-US')} left out for ${why}`);
  }
  if (cellsMissing > 0) {
    const cells =
      cellsMissing === 1
        ? '1 missing cell'
        : `${cellsMissing.toLocaleString('en-US')} missing cells`;
    parts.push(`${cells} filled in from the training split (mean, or most frequent category)`);
  }
  return parts.join('; ');
}

function checkRoles(file: string, columns: CsvColumns): void {
  const both = columns.features.find((f) => columns.targets.includes(f));
  if (both !== undefined) {
    throw new InputError(
      `column "${both}" of "${file}" is both a feature and a target. Mark it as one or the other`,
    );
  }
  if (columns.task === 'classification' && columns.targets.length !== 1) {
    throw new InputError(
      `a classification learns one column of class labels, but ${columns.targets.length} target columns are chosen for "${file}". Choose one target, or switch the task to regression`,
    );
  }
}

/** The rows at `keep` of a column, in order. */
function keepRows(column: RawColumn, keep: Int32Array): RawColumn {
  const pick = <T extends Float32Array | Int32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    for (let k = 0; k < keep.length; k++) out[k] = a[keep[k]!]!;
    return out;
  };
  switch (column.kind) {
    case 'number':
      return { ...column, values: pick(column.values) };
    case 'category':
      return { ...column, codes: pick(column.codes) };
    case 'date':
      return {
        ...column,
        parts: column.parts.map(pick) as [Float32Array, Float32Array, Float32Array],
      };
  }
}

/**
 * Reads a CSV file's chosen columns, streaming, and types each feature column by what its cells
 * hold: numbers, ISO dates, or categories (text). Missing cells (blank, `NA`, `NaN`, `?`...) are
 * an InputError naming the first one under the `error` policy; `drop` leaves out every row with a
 * missing value in a chosen column; `mean` keeps rows with missing features (to be filled from
 * the training split, `fitEncoding`) and leaves out rows whose target is missing. A regression
 * target must be numbers; a classification target (one column of labels) becomes class indices
 * into the sorted class names. Every bad cell is an InputError naming the file, the row (as a
 * spreadsheet numbers it, header = row 1) and the column.
 *
 * @example
 * const table = await readCsvTable(source, {
 *   features: ['island', 'bill_length_mm'], targets: ['species'], task: 'classification',
 *   missing: 'drop',
 * });
 */
export async function readCsvTable(source: DataSource, columns: CsvColumns): Promise<RawTable> {
  const file = source.name;
  const policy = columns.missing ?? 'error';
  checkRoles(file, columns);
  let head!: CsvHead;
  let readers: ColumnReader[] = [];
  let targetAt: number[] = [];
  const y = float32Blocks();
  const labels = int32Blocks();
  const classIds = new Map<string, number>();
  /** Per row read: 0 complete, 1 a feature is missing, 2 the target is missing. */
  const gaps = int32Blocks();

  const rowsRead = await readTable(source, {
    head(h) {
      head = h;
      readers = resolve(file, h, columns.features, 'feature').map(
        (j) => new ColumnReader(h.names[j]!, j),
      );
      targetAt = resolve(file, h, columns.targets, 'target');
    },
    row(cells, row) {
      let gap = 0;
      for (const reader of readers) {
        if (!reader.add(cells[reader.index]!, row, head.decimalComma)) {
          if (policy === 'error') {
            throw missingCell(
              cellPlace(file, row, reader.index, reader.name),
              cells[reader.index]!,
            );
          }
          gap = 1;
        }
      }
      for (const j of targetAt) {
        const cell = cells[j]!;
        if (isMissing(cell)) {
          if (policy === 'error') throw missingCell(cellPlace(file, row, j, head.names[j]), cell);
          gap = 2;
          if (columns.task === 'regression') y.push(Number.NaN);
          else labels.push(-1);
          continue;
        }
        if (columns.task === 'regression') {
          const value = parseNumber(cell, head.decimalComma);
          if (Number.isNaN(value)) {
            throw new InputError(
              `${cellPlace(file, row, j, head.names[j])}: ${quoteCell(cell)} is not a number, and a regression learns numbers. Fix the cell, or switch the task to classification`,
            );
          }
          y.push(value);
          continue;
        }
        const label = cell.trim();
        let id = classIds.get(label);
        if (id === undefined) {
          id = classIds.size;
          if (id === MAX_CLASSES) throw tooManyClasses(file, head.names[j]!);
          classIds.set(label, id);
        }
        labels.push(id);
      }
      gaps.push(gap);
    },
  });

  const gap = gaps.toArray();
  const leaveOut = (g: number) => g === 2 || (g === 1 && policy === 'drop');
  // Plain loops over every row: a table may have millions.
  let rowsKept = 0;
  for (let i = 0; i < gap.length; i++) if (!leaveOut(gap[i]!)) rowsKept++;
  const keep = new Int32Array(rowsKept);
  for (let i = 0, k = 0; i < gap.length; i++) if (!leaveOut(gap[i]!)) keep[k++] = i;
  if (keep.length === 0) {
    throw new InputError(
      `every row of "${file}" has a missing value in a chosen column, so no row is left to learn from. Fill in the missing values, or choose "fill in the mean" for missing values`,
    );
  }
  let targets: Targets;
  if (columns.task === 'regression') {
    const values = y.toArray();
    const all: Targets = {
      task: 'regression',
      values,
      size: targetAt.length,
      names: [...columns.targets],
    };
    targets = pickTargets(all, keep);
  } else {
    const { classes, indexOf } = sortClasses([...classIds.keys()], head.decimalComma);
    const remap = Int32Array.from(classIds.keys(), (key) => indexOf.get(key)!);
    const raw = labels.toArray();
    const kept = Int32Array.from(keep, (r) => remap[raw[r]!]!);
    targets = { task: 'classification', labels: kept, classes };
  }
  const all = keep.length === rowsRead;
  const typed = readers.map((reader) => reader.finish(file, head));
  const kept = all ? typed : typed.map((c) => keepRows(c, keep));
  let cellsMissing = 0;
  if (policy === 'mean') for (const c of kept) cellsMissing += countMissing(c);
  return {
    name: file,
    count: keep.length,
    columns: kept,
    targets,
    missing: { policy, rowsRead, rowsLeftOut: rowsRead - keep.length, cellsMissing },
  };
}

function isGap(column: RawColumn, row: number): boolean {
  switch (column.kind) {
    case 'number':
      return Number.isNaN(column.values[row]!);
    case 'category':
      return column.codes[row]! < 0;
    case 'date':
      return Number.isNaN(column.parts[0][row]!);
  }
}

function countMissing(column: RawColumn): number {
  const rows =
    column.kind === 'number'
      ? column.values.length
      : column.kind === 'category'
        ? column.codes.length
        : column.parts[0].length;
  let n = 0;
  for (let r = 0; r < rows; r++) if (isGap(column, r)) n++;
  return n;
}

/**
 * How each column is encoded: its kind and categories (every category in the file, so that no
 * split meets one it does not know), and with the `mean` policy what a missing cell becomes,
 * fitted on the rows `fitRows` (the training split's, so nothing of the other splits leaks in),
 * as scikit-learn's SimpleImputer: the mean (in float64) of a number or of each date part, the
 * most frequent category (the first in sorted order on a tie).
 */
export function fitEncoding(table: RawTable, fitRows: ArrayLike<number>): ColumnEncoding[] {
  const fill = table.missing.policy === 'mean';
  return table.columns.map((column) => fitColumn(column, fill ? fitRows : undefined));
}

/** One column's encoding; with `fitRows`, its fill for missing cells fitted on those rows. */
function fitColumn(column: RawColumn, fitRows: ArrayLike<number> | undefined): ColumnEncoding {
  const { name } = column;
  if (column.kind === 'category') {
    const categories = column.levels;
    if (!fitRows) return { name, kind: 'category', categories };
    const counts = new Array<number>(categories.length).fill(0);
    for (let k = 0; k < fitRows.length; k++) {
      const code = column.codes[fitRows[k]!]!;
      if (code >= 0) counts[code]!++;
    }
    // indexOf finds the first maximum: the first category in sorted order on a tie.
    const most = counts.indexOf(Math.max(...counts));
    return { name, kind: 'category', categories, fill: categories[most]! };
  }
  const mean = (values: Float32Array, rows: ArrayLike<number>) => {
    let sum = 0;
    let n = 0;
    for (let k = 0; k < rows.length; k++) {
      const v = values[rows[k]!]!;
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n === 0 ? 0 : sum / n;
  };
  if (column.kind === 'number') {
    return { name, kind: 'number', ...(fitRows ? { fill: mean(column.values, fitRows) } : {}) };
  }
  if (!fitRows) return { name, kind: 'date' };
  const [year, month, day] = column.parts;
  return {
    name,
    kind: 'date',
    fill: [mean(year, fitRows), mean(month, fitRows), mean(day, fitRows)],
  };
}

/**
 * The rows `rows` of a table as a Dataset, encoded as `encoding` says (one-hot categories, date
 * parts, missing cells filled), in the columns' order: what the model trains on.
 */
export function encodeTable(
  table: RawTable,
  encoding: readonly ColumnEncoding[],
  rows: ArrayLike<number>,
): Dataset {
  const width = encoding.reduce((w, c) => w + encodedWidth(c), 0);
  const x = new Float32Array(rows.length * width);
  let offset = 0;
  table.columns.forEach((column, j) => {
    const enc = encoding[j]!;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      const at = k * width + offset;
      if (column.kind === 'number') {
        const v = column.values[r]!;
        x[at] = Number.isNaN(v) && enc.kind === 'number' ? (enc.fill ?? v) : v;
      } else if (column.kind === 'date') {
        const fill = enc.kind === 'date' ? enc.fill : undefined;
        for (let p = 0; p < 3; p++) {
          const v = column.parts[p]![r]!;
          x[at + p] = Number.isNaN(v) && fill ? fill[p]! : v;
        }
      } else if (enc.kind === 'category') {
        const code = column.codes[r]!;
        const category = code >= 0 ? column.levels[code]! : enc.fill;
        if (category === undefined) continue;
        const index = enc.categories.indexOf(category);
        // Only an encoding from elsewhere (a model file's) can lack one of the table's categories.
        if (index < 0) throw unknownCategory(`"${table.name}"`, category, enc);
        x[at + index] = 1;
      }
    }
    offset += encodedWidth(enc);
  });
  const targets = pickTargets(table.targets, rows);
  return {
    name: table.name,
    count: rows.length,
    sampleShape: [width],
    x,
    targets,
    featureNames: encodedNames(encoding),
  };
}

function pickTargets(targets: Targets, rows: ArrayLike<number>): Targets {
  if (targets.task === 'classification') {
    const labels = new Int32Array(rows.length);
    for (let k = 0; k < rows.length; k++) labels[k] = targets.labels[rows[k]!]!;
    return { ...targets, labels };
  }
  const { size } = targets;
  const values = new Float32Array(rows.length * size);
  for (let k = 0; k < rows.length; k++) {
    values.set(targets.values.subarray(rows[k]! * size, (rows[k]! + 1) * size), k * size);
  }
  return { ...targets, values };
}

/** `[0, 1, ..., count - 1]`. */
export function allRows(count: number): Int32Array {
  const rows = new Int32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows;
}

/**
 * Reads a CSV file into a Dataset: `readCsvTable`, then every row encoded with the encoding
 * fitted on all of them (`prepareData` fits it on the training split instead).
 *
 * @example
 * const data = await csvToDataset(source, {
 *   features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
 *   targets: ['apples_ton', 'oranges_ton'],
 *   task: 'regression',
 * });
 */
export async function csvToDataset(source: DataSource, columns: CsvColumns): Promise<Dataset> {
  const table = await readCsvTable(source, columns);
  const rows = allRows(table.count);
  return encodeTable(table, fitEncoding(table, rows), rows);
}

function tooManyClasses(file: string, column: string): InputError {
  return new InputError(
    `column "${column}" of "${file}" has more than ${MAX_CLASSES} different values, too many classes for a classification. Choose regression, or another target column`,
  );
}
