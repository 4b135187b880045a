import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import type { Dataset } from './dataset';
import { splitCounts, splitDataset, validationCount } from './split';

function numbered(count: number): Dataset {
  return {
    name: 'n',
    count,
    sampleShape: [1],
    x: Float32Array.from({ length: count }, (_, i) => i),
    targets: {
      task: 'classification',
      labels: Int32Array.from({ length: count }, (_, i) => i % 3),
      classes: ['a', 'b', 'c'],
    },
    featureNames: ['i'],
  };
}

describe('splitDataset', () => {
  it('keeps the data as it is, in order, with a split of 0', () => {
    const data = numbered(10);
    expect(splitDataset(data, { validation: 0 }, 1)).toEqual({ train: data });
  });

  it('holds out what torch.utils.data.random_split holds out for the same seed', () => {
    // PyTorch 1.13: random_split(range(10), [8, 2], generator=torch.Generator().manual_seed(1))
    // gives the indices [5, 6, 1, 2, 0, 8, 9, 3] and [7, 4].
    const data = numbered(10);
    const { train, validation } = splitDataset(data, { validation: 0.2 }, 1);
    const order = [5, 6, 1, 2, 0, 8, 9, 3, 7, 4];
    expect([...train.x]).toEqual(order.slice(0, 8));
    expect([...validation!.x]).toEqual(order.slice(8));
    expect(train.count + validation!.count).toBe(10);
    // Labels travel with their samples.
    if (validation!.targets.task === 'classification') {
      expect([...validation!.targets.labels]).toEqual(order.slice(8).map((i) => i % 3));
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const data = numbered(50);
    const a = splitDataset(data, { validation: 0.3 }, 1).validation!.x;
    expect(splitDataset(data, { validation: 0.3 }, 1).validation!.x).toEqual(a);
    expect(splitDataset(data, { validation: 0.3 }, 2).validation!.x).not.toEqual(a);
  });

  it('holds out round(count x fraction) rows, at least 1, leaving at least 1', () => {
    expect(validationCount(97, 0.2)).toBe(19);
    expect(validationCount(5, 0.01)).toBe(1);
    expect(validationCount(5, 0.99)).toBe(4);
    expect(validationCount(60_000, 1 / 6)).toBe(10_000);
  });

  it('refuses to split a single row', () => {
    expect(() => splitDataset(numbered(1), { validation: 0.5 }, 1)).toThrow(InputError);
  });

  it('cuts train, validation and test from one permutation, as random_split with three lengths', () => {
    // PyTorch 1.13: random_split(range(10), [6, 2, 2], generator=torch.Generator().manual_seed(1))
    // cuts the same permutation [5, 6, 1, 2, 0, 8, 9, 3, 7, 4] into three.
    const { train, validation, test } = splitDataset(
      numbered(10),
      { validation: 0.2, test: 0.2 },
      1,
    );
    expect([...train.x]).toEqual([5, 6, 1, 2, 0, 8]);
    expect([...validation!.x]).toEqual([9, 3]);
    expect([...test!.x]).toEqual([7, 4]);
  });

  it('holds out a test split alone, with no validation split', () => {
    const { train, validation, test } = splitDataset(numbered(10), { validation: 0, test: 0.3 }, 1);
    expect(validation).toBeUndefined();
    expect([...test!.x]).toEqual([3, 7, 4]);
    expect(train.count).toBe(7);
  });

  it('says so when validation and test leave nothing to train on', () => {
    expect(splitCounts('tiny.csv', 3, { validation: 0.4, test: 0.4 })).toEqual({
      train: 1,
      validation: 1,
      test: 1,
    });
    expect(() => splitCounts('tiny.csv', 2, { validation: 0.5, test: 0.5 })).toThrow(
      '"tiny.csv" has 2 rows, too few to keep some apart for validation and for the test and still train on some',
    );
  });
});
