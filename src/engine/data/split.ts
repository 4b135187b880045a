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

/**
 * A seeded train/validation split, the one `random_split(data, [count - held, held],
 * generator=torch.Generator().manual_seed(seed))` makes (the exported PyTorch script's): the
 * permutation `randperm(count)` of that generator; the validation set is its last `held`
 * (`validationCount`) indices, the training set the rest, each in permutation order. With `fraction` 0 there is no split and
 * the data stays in order.
 *
 * @example
 * const { train, validation } = splitDataset(data, 0.2, 1);
 */
export function splitDataset(
  data: Dataset,
  fraction: number,
  seed: number,
): { train: Dataset; validation?: Dataset } {
  if (fraction <= 0) return { train: data };
  if (data.count < 2) {
    throw new InputError(
      `"${data.name}" has ${data.count} row, too few to keep some apart for validation. Set the validation split to 0, or add rows`,
    );
  }
  const held = validationCount(data.count, fraction);
  const order = randperm(data.count, new MT19937(seed));
  const cut = data.count - held;
  return {
    train: subset(data, order.subarray(0, cut)),
    validation: subset(data, order.subarray(cut)),
  };
}
