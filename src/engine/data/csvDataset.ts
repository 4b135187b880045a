import { InputError } from '../errors';
import { float32Blocks, int32Blocks } from './blockArray';
import { sortClasses } from './classes';
import { cellPlace, isBlank, looksMissing, parseNumber, quoteCell } from './csvCells';
import { type CsvHead, readTable } from './csvTable';
import type { Dataset, Targets } from './dataset';
import type { DataSource } from './source';

/** Which columns of a CSV file feed the model, and what it learns. */
export interface CsvColumns {
  readonly features: readonly string[];
  readonly targets: readonly string[];
  readonly task: 'regression' | 'classification';
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

/** The number in a cell, or an InputError naming the cell and saying what to do. */
function numberAt(
  file: string,
  head: CsvHead,
  cells: readonly string[],
  column: number,
  row: number,
  role: Role,
): number {
  const cell = cells[column]!;
  const value = parseNumber(cell, head.decimalComma);
  if (!Number.isNaN(value)) return value;
  const place = cellPlace(file, row, column, head.names[column]);
  if (isBlank(cell)) {
    throw new InputError(`${place}: the cell is blank. Fill it in, or delete the row`);
  }
  if (looksMissing(cell)) {
    throw new InputError(
      `${place}: ${quoteCell(cell)} marks a missing value. Fill it in, or delete the row`,
    );
  }
  throw new InputError(
    `${place}: ${quoteCell(cell)} is not a number, and this column is a ${role}. Fix the cell, or mark the column as ignored`,
  );
}

/**
 * Reads the named numeric columns of a CSV file, row by row, into one row-major Float32Array,
 * streaming (no row is kept). This is what `predict` needs: the model's feature columns of a file.
 *
 * @example
 * const { x, count } = await csvToMatrix(source, ['temp_f', 'rainfall_mm', 'humidity_pct']);
 */
export async function csvToMatrix(
  source: DataSource,
  columns: readonly string[],
): Promise<{ x: Float32Array; count: number }> {
  let head!: CsvHead;
  let indices: number[] = [];
  const x = float32Blocks();
  const count = await readTable(source, {
    head(h) {
      head = h;
      indices = resolve(source.name, h, columns, 'feature');
    },
    row(cells, row) {
      for (const j of indices) x.push(numberAt(source.name, head, cells, j, row, 'feature'));
    },
  });
  return { x: x.toArray(), count };
}

/**
 * Reads a CSV file into a Dataset, streaming: features (and regression targets) go straight into
 * Float32Array blocks; a classification target (one column of text or integer labels) becomes class
 * indices into the sorted class names. Every bad cell is an InputError naming the file, the row
 * (as a spreadsheet numbers it, header = row 1) and the column.
 *
 * @example
 * const data = await csvToDataset(source, {
 *   features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
 *   targets: ['apples_ton', 'oranges_ton'],
 *   task: 'regression',
 * });
 */
export async function csvToDataset(source: DataSource, columns: CsvColumns): Promise<Dataset> {
  const file = source.name;
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
  let head!: CsvHead;
  let featureAt: number[] = [];
  let targetAt: number[] = [];
  const x = float32Blocks();
  const y = float32Blocks();
  const labels = int32Blocks();
  const classIds = new Map<string, number>();

  const count = await readTable(source, {
    head(h) {
      head = h;
      featureAt = resolve(file, h, columns.features, 'feature');
      targetAt = resolve(file, h, columns.targets, 'target');
    },
    row(cells, row) {
      for (const j of featureAt) x.push(numberAt(file, head, cells, j, row, 'feature'));
      if (columns.task === 'regression') {
        for (const j of targetAt) y.push(numberAt(file, head, cells, j, row, 'target'));
        return;
      }
      const j = targetAt[0]!;
      const label = cells[j]!.trim();
      if (label === '') {
        throw new InputError(
          `${cellPlace(file, row, j, head.names[j])}: the class label is blank. Fill it in, or delete the row`,
        );
      }
      let id = classIds.get(label);
      if (id === undefined) {
        id = classIds.size;
        if (id === MAX_CLASSES) throw tooManyClasses(file, head.names[j]!);
        classIds.set(label, id);
      }
      labels.push(id);
    },
  });

  let targets: Targets;
  if (columns.task === 'regression') {
    targets = {
      task: 'regression',
      values: y.toArray(),
      size: targetAt.length,
      names: [...columns.targets],
    };
  } else {
    const { classes, indexOf } = sortClasses([...classIds.keys()], head.decimalComma);
    const raw = labels.toArray();
    const remap = Int32Array.from(classIds.keys(), (key) => indexOf.get(key)!);
    for (let i = 0; i < raw.length; i++) raw[i] = remap[raw[i]!]!;
    targets = { task: 'classification', labels: raw, classes };
  }
  return {
    name: file,
    count,
    sampleShape: [columns.features.length],
    x: x.toArray(),
    targets,
    featureNames: [...columns.features],
  };
}

function tooManyClasses(file: string, column: string): InputError {
  return new InputError(
    `column "${column}" of "${file}" has more than ${MAX_CLASSES} different values, too many classes for a classification. Choose regression, or another target column`,
  );
}
