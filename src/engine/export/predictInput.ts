import { float32Blocks } from '../data/blockArray';
import { cellPlace, parseNumber, quoteCell } from '../data/csvCells';
import { type CsvHead, readTable } from '../data/csvTable';
import { imageSize } from '../data/dataset';
import type { DataSource } from '../data/source';
import { encodeCell, encodedWidth } from '../data/tableEncoding';
import { InputError } from '../errors';
import type { ModelFile } from './modelFile';

/** What a row of an image model's file holds: its pixels row by row (channel by channel). */
function imageWords(file: ModelFile): string {
  const image = imageSize(file.inputShape);
  if (!image) return `the model's ${file.inputShape.join(' x ')} input values in order`;
  const { channels, height, width } = image;
  const raw = file.preprocessing.imageScale !== undefined ? ', raw values 0..255' : '';
  return channels === 1
    ? `one image's ${height} x ${width} pixels row by row${raw}`
    : `one image's ${channels} channels of ${height} x ${width} pixels, channel by channel and row by row${raw}`;
}

/** Which columns of the file feed the model, in the model's order. */
function inputColumns(file: ModelFile, head: CsvHead, source: string): number[] {
  const size = file.inputShape.reduce((a, b) => a * b, 1);
  const features = file.preprocessing.features ?? [];
  if (features.length > 0 && head.hasHeader) {
    const missing = features.filter((name) => !head.names.includes(name));
    if (missing.length === 0) return features.map((name) => head.names.indexOf(name));
    throw new InputError(
      `"${source}" has no column ${missing.map((n) => `"${n}"`).join(', ')}: the model reads the columns ${features.join(', ')} (the file has ${head.names.join(', ')})`,
    );
  }
  // No header (or an image model): the values of a row, in order, are one sample; a table with
  // encoded columns takes one cell per feature column.
  const encoded = file.preprocessing.columns;
  if (encoded && head.names.length === features.length) return features.map((_, j) => j);
  if (head.names.length !== size || encoded) {
    const what =
      features.length > 0
        ? `the ${features.length} columns ${features.join(', ')}, in this order, or a header naming them`
        : imageWords(file);
    throw new InputError(
      `"${source}" has ${head.names.length} columns but the model takes ${encoded ? `${features.length} columns` : `${size} values`} per sample: give ${what}`,
    );
  }
  return head.names.map((_, j) => j);
}

/**
 * Reads the samples to predict from a CSV file: a table model's feature columns by name (any
 * order, other columns ignored) or by position without a header, encoded as in training (text
 * categories one-hot, dates in parts, missing cells filled when the model fills them); or rows
 * of exactly the model's input size (an image's pixels,
 * row by row, for `[1, rows, cols]` models and the `[rows, cols]` of older model files alike).
 * Values are raw, as in the training data. A bad cell is an InputError naming the file, row and
 * column.
 *
 * @example
 * const { x, count } = await readPredictInputs(nodeFileSource('new-farms.csv'), file);
 */
export async function readPredictInputs(
  source: DataSource,
  file: ModelFile,
): Promise<{ x: Float32Array; count: number }> {
  let head!: CsvHead;
  let columns: number[] = [];
  const values = float32Blocks();
  const encoded = file.preprocessing.columns;
  const sample = new Float32Array(file.inputShape.reduce((a, b) => a * b, 1));
  /** One raw row's cells as the model's inputs: categories one-hot, dates in parts, gaps filled. */
  const encodeRow = (cells: readonly string[], columns: readonly number[], row: number) => {
    sample.fill(0);
    let at = 0;
    encoded!.forEach((column, k) => {
      const j = columns[k]!;
      const where = () =>
        cellPlace(source.name, row, j, head.hasHeader ? head.names[j] : undefined);
      encodeCell(cells[j]!, column, head.decimalComma, sample, at, where);
      at += encodedWidth(column);
    });
    for (const v of sample) values.push(v);
  };
  const count = await readTable(source, {
    head(h) {
      head = h;
      columns = inputColumns(file, h, source.name);
    },
    row(cells, row) {
      if (encoded) {
        encodeRow(cells, columns, row);
        return;
      }
      for (const j of columns) {
        const value = parseNumber(cells[j]!, head.decimalComma);
        if (Number.isNaN(value)) {
          throw new InputError(
            `${cellPlace(source.name, row, j, head.hasHeader ? head.names[j] : undefined)}: ${quoteCell(cells[j]!)} is not a number. The model takes numbers: fix the cell or delete the row`,
          );
        }
        values.push(value);
      }
    },
  });
  return { x: values.toArray(), count };
}
