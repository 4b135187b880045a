import Papa from 'papaparse';
import { InputError } from '../errors';
import { isBlank, parseNumber } from './csvCells';
import type { DataSource } from './source';
import { decodeText } from './textDecode';

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvFormat {
  readonly delimiter: Delimiter;
  readonly newline: '\n' | '\r\n' | '\r';
}

/** Records parsed from one stretch of the file. */
export interface RecordBatch {
  readonly records: string[][];
  /** Spreadsheet row number of `records[0]` (the first record of the file is row 1). */
  readonly firstRow: number;
  readonly format: CsvFormat;
}

/** Text gathered before each parse: large enough that per-call overhead does not matter. */
const PARSE_CHARS = 256 * 1024;
/** A record still open after this many characters is a quote that never closes. */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** The line break of the first line (the text inside quotes may hold others). */
function guessNewline(text: string): CsvFormat['newline'] {
  const i = text.search(/[\r\n]/);
  if (i === -1 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * The delimiter that splits the first rows most evenly, as papaparse's own guess does: for each
 * candidate, the sum of changes in field count between consecutive rows; the smallest sum wins.
 * Ties go to the candidate whose cells hold more numbers (data files are mostly numbers, and a
 * wrong delimiter glues them to their neighbours), then to more fields. Comma when nothing splits
 * (a one-column file).
 */
function guessDelimiter(sample: string, newline: CsvFormat['newline'], whole: boolean): Delimiter {
  let best: { delimiter: Delimiter; score: readonly number[] } = { delimiter: ',', score: [] };
  for (const delimiter of DELIMITERS) {
    const rows: string[][] = new Papa.Parser({ delimiter, newline, preview: 20 }).parse(
      sample,
      0,
      !whole,
    ).data;
    const filled = rows.filter((r) => r.some((c) => !isBlank(c)));
    if (filled.length === 0) continue;
    let delta = 0;
    for (let i = 1; i < filled.length; i++) {
      delta += Math.abs(filled[i]!.length - filled[i - 1]!.length);
    }
    const fields = filled.reduce((sum, r) => sum + r.length, 0) / filled.length;
    if (fields < 2) continue;
    const decimalComma = delimiter === ';';
    const numbers = filled.flat().filter((c) => !Number.isNaN(parseNumber(c, decimalComma))).length;
    // Compared in order: fewer changes, more numbers, more fields.
    const score = [-delta, numbers, fields];
    if (best.score.length === 0 || isGreater(score, best.score)) best = { delimiter, score };
  }
  return best.delimiter;
}

function isGreater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/**
 * Reads a CSV source record by record, streaming: text is decoded chunk by chunk and parsed with
 * papaparse's core `Parser`, carrying the unfinished last record over to the next chunk (papaparse's
 * own `ChunkStreamer` does the same), so only one chunk of text is in memory at a time. Delimiter
 * (comma, semicolon or tab) and line break are guessed from the first chunk; quoted fields may hold
 * delimiters, line breaks and doubled quotes.
 */
export async function* readRecords(source: DataSource): AsyncGenerator<RecordBatch> {
  let text = '';
  let format: CsvFormat | undefined;
  let parser: Papa.Parser | undefined;
  let row = 1;

  function parse(final: boolean): RecordBatch {
    if (!format || !parser) {
      const newline = guessNewline(text);
      format = { delimiter: guessDelimiter(text, newline, final), newline };
      parser = new Papa.Parser({ delimiter: format.delimiter, newline });
    }
    const result = parser.parse(text, 0, !final);
    const records: string[][] = result.data;
    const unclosed = (result.errors as { code: string; row: number }[]).find(
      (e) => e.code === 'MissingQuotes',
    );
    if (unclosed) throw unclosedQuote(source.name, row + unclosed.row);
    text = final ? '' : text.slice(result.meta.cursor as number);
    if (text.length > MAX_RECORD_CHARS) throw unclosedQuote(source.name, row + records.length);
    const batch = { records, firstRow: row, format };
    row += records.length;
    return batch;
  }

  for await (const chunk of decodeText(source)) {
    text += chunk;
    if (text.length >= PARSE_CHARS) {
      const batch = parse(false);
      if (batch.records.length > 0) yield batch;
    }
  }
  const batch = parse(true);
  if (batch.records.length > 0) yield batch;
}

function unclosedQuote(file: string, row: number): InputError {
  return new InputError(
    `"${file}", row ${row}: a quote mark (") opens a cell that is never closed. Add the closing quote, or remove the stray one`,
  );
}
