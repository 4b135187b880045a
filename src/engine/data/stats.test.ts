import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { classCounts, datasetStats, imageAt, sampleImages } from './stats';

const images: Dataset = {
  name: 'imgs',
  count: 5,
  sampleShape: [1, 2],
  x: Float32Array.of(0, 1, 0.5, 0.5, 0, 0, 1, 1, 0.25, 0.75),
  targets: {
    task: 'classification',
    labels: Int32Array.of(1, 0, 1, 2, 0),
    classes: ['a', 'b', 'c'],
  },
  featureNames: [],
};

const table: Dataset = {
  name: 'tab',
  count: 3,
  sampleShape: [2],
  x: Float32Array.of(1, 10, 2, 20, 3, 60),
  targets: { task: 'regression', values: Float32Array.of(5, 6, 7), size: 1, names: ['y'] },
  featureNames: ['a', 'b'],
};

describe('datasetStats', () => {
  it('gives count, mean, population std, min, max per feature and regression target', () => {
    const [a, b, y] = datasetStats(table);
    expect(a).toEqual({
      name: 'a',
      count: 3,
      mean: 2,
      std: Math.sqrt(2 / 3),
      min: 1,
      max: 3,
      missing: 0,
    });
    expect(b).toMatchObject({ name: 'b', mean: 30, min: 10, max: 60 });
    expect(y).toMatchObject({ name: 'y', mean: 6 });
  });

  it('gives one pixel summary for images, and class counts', () => {
    expect(datasetStats(images)).toEqual([
      { name: 'pixels', count: 10, mean: 0.5, std: expect.any(Number), min: 0, max: 1, missing: 0 },
    ]);
    expect(classCounts(images)).toEqual([2, 2, 1]);
    expect(classCounts(table)).toEqual([]);
  });
});

describe('sampleImages', () => {
  it('takes the first images of each class, class by class', () => {
    expect(sampleImages(images, 2)).toEqual([
      { index: 1, label: 0, className: 'a' },
      { index: 4, label: 0, className: 'a' },
      { index: 0, label: 1, className: 'b' },
      { index: 2, label: 1, className: 'b' },
      { index: 3, label: 2, className: 'c' },
    ]);
    expect([...imageAt(images, 3)]).toEqual([1, 1]);
    expect(sampleImages(table)).toEqual([]);
  });
});
