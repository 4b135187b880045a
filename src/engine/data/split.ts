import { InputError } from '../errors';
import { MT19937, randperm } from '../random';
import { type Dataset, sampleSize, type Targets } from './dataset';

/** The samples at `indices`, in that order, as a new Dataset. */
export function subset(data: Dataset, indices: ArrayLike<number>): Dataset {
  const width = sampleSize(data);
  const x = new Float32Array(indices.length * width);
  for (let k = 0; k < indices.length; k++) {
    const from = indices[k]! * width;
    x.set(data.x.subarray(from, from + width), k * width);
  }
  let targets: Targets;
  if (data.targets.task === 'classification') {
    const { labels, classes } = data.targets;
    targets = {
      task: 'classification',
      classes,
      labels: Int32Array.from(indices, (i) => labels[i]!),
    };
  } else {
    const { values, size, names } = data.targets;
    const picked = new Float32Array(indices.length * size);
    for (let k = 0; k < indices.length; k++) {
      picked.set(values.subarray(indices[k]! * size, (indices[k]! + 1) * size), k * size);
    }
    targets = { task: 'regression', values: picked, size, names };
  }
  return { ...data, count: indices.length, x, targets };
}

/** Rows held out for validation: `round(count * fraction)`, at least 1 and leaving at least 1. */
export function validationCount(count: number, fraction: number): number {
  if (fraction <= 0) return 0;
  return Math.min(count - 1, Math.max(1, Math.round(count * fraction)));
}

/** The shares of a dataset kept apart from training. */
export interface SplitFractions {
  readonly validation: number;
  /** Kept apart until the end of the run, as Fashion-MNIST's official test set is. */
  readonly test?: number;
}

/**
 * Rows per split: `round(count * fraction)` for validation and test, each at least 1 when asked
 * for (validation at most `count - 1`, `validationCount`); an InputError when no row is left to
 * train on.
 */
export function splitCounts(
  name: string,
  count: number,
  fractions: SplitFractions,
): { train: number; validation: number; test: number } {
  const validation = validationCount(count, fractions.validation);
  const testFraction = fractions.test ?? 0;
  const test = testFraction > 0 ? Math.max(1, Math.round(count * testFraction)) : 0;
  const train = count - validation - test;
  if (train < 1 || (fractions.validation > 0 && validation === 0)) {
    const rows = count === 1 ? '1 row' : `${count.toLocaleString('en-US')} rows`;
    const held = test > 0 ? 'for validation and for the test' : 'for validation';
    throw new InputError(
      `"${name}" has ${rows}, too few to keep some apart ${held} and still train on some. Make the validation or test split smaller, or add rows`,
    );
  }
  return { train, validation, test };
}

/**
 * A seeded train/validation/test split, the one `random_split(data, [train, validation, test],
 * generator=torch.Generator().manual_seed(seed))` makes (the exported PyTorch script's): the
 * permutation `randperm(count)` of that generator, cut into the training rows, then the
 * validation rows, then the test rows (`splitCounts`), each in permutation order. With no split
 * asked for the data stays as it is, in order.
 *
 * @example
 * const { train, validation, test } = splitDataset(data, { validation: 0.2, test: 0.1 }, 1);
 */
export function splitDataset(
  data: Dataset,
  fractions: SplitFractions,
  seed: number,
): { train: Dataset; validation?: Dataset; test?: Dataset } {
  const rows = splitRows(data.name, data.count, fractions, seed);
  if (!rows) return { train: data };
  return {
    train: subset(data, rows.train),
    ...(rows.validation.length > 0 ? { validation: subset(data, rows.validation) } : {}),
    ...(rows.test.length > 0 ? { test: subset(data, rows.test) } : {}),
  };
}

/** The rows of each split (`splitDataset`'s), or undefined when no split is asked for. */
export function splitRows(
  name: string,
  count: number,
  fractions: SplitFractions,
  seed: number,
): { train: Uint32Array; validation: Uint32Array; test: Uint32Array } | undefined {
  if (fractions.validation <= 0 && (fractions.test ?? 0) <= 0) return undefined;
  const counts = splitCounts(name, count, fractions);
  const order = randperm(count, new MT19937(seed));
  const cut = counts.train + counts.validation;
  return {
    train: order.subarray(0, counts.train),
    validation: order.subarray(counts.train, cut),
    test: order.subarray(cut),
  };
}
