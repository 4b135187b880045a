import { InputError } from '../errors';
import { cellPlace, columnLetter, isBlank, parseNumber } from './csvCells';
import { type CsvFormat, readRecords } from './csvRecords';
import type { DataSource } from './source';
import { emptyFile } from './textDecode';

/** What the first rows of a CSV file tell: its format, header and column names. */
export interface CsvHead {
  readonly format: CsvFormat;
  /** True when row 1 holds column names rather than values. */
  readonly hasHeader: boolean;
  /** Spreadsheet row of the header (or of the first data row when there is no header). */
  readonly headerRow: number;
  /** Column names: the header's, `column 3` for a blank one, or `column 1...n` without a header. */
  readonly names: readonly string[];
  /** Semicolon-separated files may write decimals with a comma (`3,14`), as European Excel does. */
  readonly decimalComma: boolean;
}

/** Receives each data row of the table, with its spreadsheet row number. */
export interface TableVisitor {
  head(head: CsvHead): void;
  row(cells: readonly string[], row: number): void;
}

/** Data rows looked at to decide whether row 1 is a header. */
const HEADER_LOOKAHEAD = 50;

/**
 * Whether the first row is a header, in the spirit of Python's `csv.Sniffer.has_header`: yes when
 * none of its cells is a number, or when some column holds text in row 1 but only numbers below.
 */
export function detectHeader(
  first: readonly string[],
  next: readonly (readonly string[])[],
  decimalComma: boolean,
): boolean {
  const isText = (cell: string) => !isBlank(cell) && Number.isNaN(parseNumber(cell, decimalComma));
  if (first.every((cell) => isBlank(cell) || isText(cell))) return first.some(isText);
  return first.some((cell, j) => {
    if (!isText(cell)) return false;
    const below = next.map((r) => r[j] ?? '').filter((c) => !isBlank(c));
    return below.length > 0 && below.every((c) => !isText(c));
  });
}

function columnNames(
  file: string,
  header: readonly string[] | undefined,
  width: number,
  row: number,
): string[] {
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let j = 0; j < width; j++) {
    const name = header?.[j]?.trim() || `column ${j + 1}`;
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new InputError(
        `${cellPlace(file, row)}: two columns are named "${name}" (columns ${columnLetter(earlier)} and ${columnLetter(j)}). Rename one of them in the header row`,
      );
    }
    seen.set(name, j);
    names.push(name);
  }
  return names;
}

/** A record with nothing in it: a blank line, or a row of empty cells (`,,,`) that Excel leaves. */
function isEmptyRecord(record: readonly string[]): boolean {
  return record.every(isBlank);
}

/**
 * Reads a CSV source as a table, streaming: decides the header from the first rows, skips empty
 * lines, and hands every data row to `visitor.row` (with a spreadsheet row number) without keeping
 * it. A row with fewer cells than the header, or with more that are not blank, is an InputError,
 * as are an empty file and a header without rows. Returns the number of data rows.
 */
export async function readTable(source: DataSource, visitor: TableVisitor): Promise<number> {
  let head: CsvHead | undefined;
  let rows = 0;

  function visit(cells: readonly string[], row: number): void {
    const width = head!.names.length;
    const ragged = cells.length !== width;
    if (ragged && (cells.length < width || cells.slice(width).some((c) => !isBlank(c)))) {
      const first = head!.hasHeader
        ? `the header (row ${head!.headerRow})`
        : `row ${head!.headerRow}`;
      const delimiter = head!.format.delimiter === '\t' ? 'tab' : `"${head!.format.delimiter}"`;
      throw new InputError(
        `${cellPlace(source.name, row)}: this row has ${cells.length} cells but ${first} has ${width}. Give every row one cell per column (a ${delimiter} too many or too few?)`,
      );
    }
    rows++;
    visitor.row(cells, row);
  }

  for await (const { records, firstRow, format } of readRecords(source)) {
    let i = 0;
    if (!head) {
      while (i < records.length && isEmptyRecord(records[i]!)) i++;
      if (i === records.length) continue;
      const first = records[i]!;
      const next = records.slice(i + 1, i + 1 + HEADER_LOOKAHEAD).filter((r) => !isEmptyRecord(r));
      const decimalComma = format.delimiter === ';';
      const hasHeader = detectHeader(first, next, decimalComma);
      const names = columnNames(
        source.name,
        hasHeader ? first : undefined,
        first.length,
        firstRow + i,
      );
      head = { format, hasHeader, headerRow: firstRow + i, names, decimalComma };
      visitor.head(head);
      if (hasHeader) i++;
    }
    for (; i < records.length; i++) {
      const cells = records[i]!;
      if (!isEmptyRecord(cells)) visit(cells, firstRow + i);
    }
  }
  if (!head) throw emptyFile(source.name);
  if (rows === 0) {
    throw new InputError(
      `"${source.name}" has a header (row ${head.headerRow}) but no rows of values under it. Add the data rows, or choose another file`,
    );
  }
  return rows;
}
