import { ColumnAccumulator, type ColumnSummary } from './columnSummary';
import type { CsvFormat } from './csvRecords';
import { type CsvSuggestion, suggestRoles } from './csvRoles';
import { type CsvHead, readTable } from './csvTable';
import type { DataSource } from './source';

/** What the dataset panel shows of a CSV file before the user chooses its columns. */
export interface CsvPreview {
  readonly name: string;
  readonly format: CsvFormat;
  readonly hasHeader: boolean;
  readonly decimalComma: boolean;
  readonly columns: readonly ColumnSummary[];
  /** The first data rows, cells as written (trimmed). */
  readonly rows: readonly (readonly string[])[];
  /** Data rows in the whole file. */
  readonly rowCount: number;
  readonly suggestion: CsvSuggestion;
}

/** Names that people (and pandas' `to_csv`, whose index column has a blank name) give a row number. */
const ID_NAME = /^(id|index|row|#|no\.?|unnamed: ?0)$/i;

/**
 * Reads a whole CSV file once, streaming, for the dataset panel: the first `rows` data rows,
 * column names, each column's type and statistics, and the suggested roles and task. Bad files
 * (empty, binary, ragged, a header without rows) are InputErrors naming the file and row.
 *
 * @example
 * const preview = await previewCsv(textSource('crop.csv', text));
 * preview.suggestion; // { features: ['temp_f', ...], targets: ['oranges_ton'], task: 'regression' }
 */
export async function previewCsv(source: DataSource, rows = 20): Promise<CsvPreview> {
  let columns: ColumnAccumulator[] = [];
  let head: CsvHead | undefined;
  const first: string[][] = [];
  const rowCount = await readTable(source, {
    head(h) {
      head = h;
      columns = h.names.map((name, j) => new ColumnAccumulator(name, j, h.decimalComma));
    },
    row(cells, row) {
      if (first.length < rows) first.push(cells.slice(0, columns.length).map((c) => c.trim()));
      for (let j = 0; j < columns.length; j++) columns[j]!.add(cells[j]!, row);
    },
  });
  const h = head!;
  const summaries = columns.map((c, j) => {
    const name = h.names[j]!;
    const unnamed = h.hasHeader && name === `column ${j + 1}`;
    return c.summary(unnamed || ID_NAME.test(name));
  });
  return {
    name: source.name,
    format: h.format,
    hasHeader: h.hasHeader,
    decimalComma: h.decimalComma,
    columns: summaries,
    rows: first,
    rowCount,
    suggestion: suggestRoles(summaries, h.decimalComma),
  };
}
