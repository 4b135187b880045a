import { float32Blocks } from '../data/blockArray';
import { cellPlace, parseNumber, quoteCell } from '../data/csvCells';
import { type CsvHead, readTable } from '../data/csvTable';
import type { DataSource } from '../data/source';
import { InputError } from '../errors';
import type { ModelFile } from './modelFile';

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
  // No header (or an image model): the values of a row, in order, are one sample.
  if (head.names.length !== size) {
    const what =
      features.length > 0
        ? `the columns ${features.join(', ')}, in this order, or a header naming them`
        : `one image's pixels row by row (${file.inputShape.join(' x ')}, raw values 0..255)`;
    throw new InputError(
      `"${source}" has ${head.names.length} columns but the model takes ${size} values per sample: give ${what}`,
    );
  }
  return head.names.map((_, j) => j);
}

/**
 * Reads the samples to predict from a CSV file: a table model's feature columns by name (any
 * order, other columns ignored), or rows of exactly the model's input size without a header
 * (an image's pixels, row by row). Values are raw, as in the training data. A bad cell is an
 * InputError naming the file, row and column.
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
  const count = await readTable(source, {
    head(h) {
      head = h;
      columns = inputColumns(file, h, source.name);
    },
    row(cells, row) {
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
