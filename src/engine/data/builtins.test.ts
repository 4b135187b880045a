import { describe, expect, it } from 'vitest';
import { BUILTIN_DATASETS } from '../../shared/project';
import { BUILTINS, FASHION_MNIST_CLASSES } from './builtins';
import { loadDataset } from './loadData';
import { nodeFiles } from './nodeFiles.node.ts';

const files = nodeFiles(process.cwd());

describe('built-in catalogue', () => {
  it('describes every built-in the project schema names', () => {
    expect(Object.keys(BUILTINS).sort()).toEqual([...BUILTIN_DATASETS].sort());
    for (const entry of Object.values(BUILTINS)) {
      expect(entry.description.length).toBeGreaterThan(200);
      expect(entry.title).not.toBe('');
    }
  });
});

describe('crop-yields', () => {
  it('loads 5 rows of 3 features and 2 regression targets, ignoring the region', async () => {
    const { data, test } = await loadDataset({ source: 'builtin', name: 'crop-yields' }, files);
    expect(data.name).toBe('crop-yields');
    expect(data.count).toBe(5);
    expect(data.sampleShape).toEqual([3]);
    expect(data.featureNames).toEqual(['temp_f', 'rainfall_mm', 'humidity_pct']);
    expect([...data.x.slice(0, 3)]).toEqual([73, 67, 43]);
    expect([...data.x.slice(12)]).toEqual([69, 96, 70]);
    expect(data.targets).toMatchObject({
      task: 'regression',
      size: 2,
      names: ['apples_ton', 'oranges_ton'],
    });
    if (data.targets.task !== 'regression') throw new Error('regression expected');
    expect([...data.targets.values]).toEqual([56, 70, 81, 101, 119, 133, 22, 37, 103, 119]);
    expect(test).toBeUndefined();
  });
});

describe('population-profit', () => {
  it('loads 97 cities: population -> profit', async () => {
    const { data } = await loadDataset({ source: 'builtin', name: 'population-profit' }, files);
    expect(data.count).toBe(97);
    expect(data.sampleShape).toEqual([1]);
    expect(data.x[0]).toBeCloseTo(6.1101, 6);
    if (data.targets.task !== 'regression') throw new Error('regression expected');
    expect(data.targets.values[0]).toBeCloseTo(17.592, 5);
    expect(data.targets.names).toEqual(['profit_100k']);
  });
});

describe('fashion-mnist', () => {
  it('loads the official 60,000 training and 10,000 test images in [0, 1] with class names', async () => {
    const { data, test } = await loadDataset({ source: 'builtin', name: 'fashion-mnist' }, files);
    expect(data.count).toBe(60_000);
    expect(test?.count).toBe(10_000);
    expect(data.sampleShape).toEqual([1, 28, 28]);
    expect(data.x.length).toBe(60_000 * 784);
    expect(data.featureNames).toEqual([]);
    if (data.targets.task !== 'classification' || test?.targets.task !== 'classification') {
      throw new Error('classification expected');
    }
    expect(data.targets.classes).toEqual([...FASHION_MNIST_CLASSES]);
    expect(data.targets.classes[9]).toBe('Ankle boot');
    // First labels and pixel sums as numpy reads them from the same files.
    expect([...data.targets.labels.slice(0, 10)]).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    expect([...test.targets.labels.slice(0, 10)]).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    let sum = 0;
    for (let i = 0; i < 784; i++) sum += data.x[i]! * 255;
    expect(Math.round(sum)).toBe(76247);
    expect(data.x[14 * 28 + 25]).toBe(1);
    expect(data.x[14 * 28 + 12]).toBe(Math.fround(237 / 255));
    const counts = new Array(10).fill(0);
    for (const label of data.targets.labels) counts[label]++;
    expect(counts).toEqual(new Array(10).fill(6000));
  });
});
