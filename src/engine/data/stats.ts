import { type Dataset, sampleSize } from './dataset';

/** Basic statistics of one column, for the dataset panel (the fields of a CSV `ColumnSummary`). */
export interface ColumnStats {
  readonly name: string;
  readonly count: number;
  readonly mean: number;
  /** Population standard deviation (divides by the count, as the normalisation does). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Blank cells: always 0 in a loaded Dataset, which has none. */
  readonly missing: number;
}

/** Statistics of column `column` of a row-major array with `stride` values per row. */
function columnStats(
  values: Float32Array,
  rows: number,
  stride: number,
  column: number,
  name: string,
): ColumnStats {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let r = 0, i = column; r < rows; r++, i += stride) {
    const v = values[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / rows;
  let squares = 0;
  for (let r = 0, i = column; r < rows; r++, i += stride) squares += (values[i]! - mean) ** 2;
  return { name, count: rows, mean, std: Math.sqrt(squares / rows), min, max, missing: 0 };
}

/**
 * Per-column statistics of a dataset: each feature column and each regression target of a
 * table; for images, one entry `pixels` over all pixel values.
 *
 * @example
 * datasetStats(cropYields).map((s) => s.name); // ['temp_f', ..., 'apples_ton', 'oranges_ton']
 */
export function datasetStats(dataset: Dataset): ColumnStats[] {
  const width = sampleSize(dataset);
  const stats =
    dataset.featureNames.length === width
      ? dataset.featureNames.map((name, j) => columnStats(dataset.x, dataset.count, width, j, name))
      : [columnStats(dataset.x, dataset.count * width, 1, 0, 'pixels')];
  if (dataset.targets.task === 'regression') {
    const { values, size, names } = dataset.targets;
    for (let j = 0; j < size; j++)
      stats.push(columnStats(values, dataset.count, size, j, names[j]!));
  }
  return stats;
}

/** How many samples each class has, in class-index order (classification only, else empty). */
export function classCounts(dataset: Dataset): number[] {
  if (dataset.targets.task !== 'classification') return [];
  const counts = new Array<number>(dataset.targets.classes.length).fill(0);
  for (const label of dataset.targets.labels) counts[label]!++;
  return counts;
}

/** One image of the sample grid. */
export interface SampleImage {
  /** The sample's index in the dataset (for `imageAt`). */
  readonly index: number;
  readonly label: number;
  readonly className: string;
}

/**
 * Samples for the image grid: the first `perClass` images of each class, class by class, so every
 * class shows. Empty for a regression dataset.
 *
 * @example
 * sampleImages(fashion, 2); // [{ index: 1, label: 0, className: 'T-shirt/top' }, ...]
 */
export function sampleImages(dataset: Dataset, perClass = 1): SampleImage[] {
  if (dataset.targets.task !== 'classification') return [];
  const { labels, classes } = dataset.targets;
  const picked: number[][] = classes.map(() => []);
  let missing = classes.length * perClass;
  for (let i = 0; i < labels.length && missing > 0; i++) {
    const bucket = picked[labels[i]!]!;
    if (bucket.length < perClass) {
      bucket.push(i);
      missing--;
    }
  }
  return picked.flatMap((indices, label) =>
    indices.map((index) => ({ index, label, className: classes[label]! })),
  );
}

/** The pixels of sample `index` (a view, not a copy), `[rows][cols]` row-major. */
export function imageAt(dataset: Dataset, index: number): Float32Array {
  const size = sampleSize(dataset);
  return dataset.x.subarray(index * size, (index + 1) * size);
}
