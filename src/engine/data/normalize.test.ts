import { describe, expect, it } from 'vitest';
import type { Dataset } from './dataset';
import { applyPreprocessing, fitPreprocessing, normalizeInPlace } from './normalize';
import { splitDataset } from './split';

/** A table of `rows` x 2 features with the value of each cell given by `f(row, column)`. */
function table(rows: number, f: (r: number, j: number) => number): Dataset {
  const x = Float32Array.from({ length: rows * 2 }, (_, i) => f(Math.floor(i / 2), i % 2));
  return {
    name: 't',
    count: rows,
    sampleShape: [2],
    x,
    targets: { task: 'regression', values: new Float32Array(rows), size: 1, names: ['y'] },
    featureNames: ['a', 'b'],
  };
}

describe('fitPreprocessing', () => {
  const data = table(4, (r, j) => (j === 0 ? [1, 2, 3, 4][r]! : 7));

  it('standardize: mean and population std per feature, std 0 -> 1 (sklearn StandardScaler)', () => {
    const prep = fitPreprocessing(data, 'standardize');
    expect(prep).toEqual({ kind: 'standardize', mean: [2.5, 7], std: [Math.sqrt(1.25), 1] });
    const x = data.x.slice();
    normalizeInPlace(x, prep);
    expect([...x.filter((_, i) => i % 2 === 0)]).toEqual(
      [1, 2, 3, 4].map((v) => Math.fround((v - 2.5) / Math.sqrt(1.25))),
    );
    expect([...x.filter((_, i) => i % 2 === 1)]).toEqual([0, 0, 0, 0]);
  });

  it('minmax: to [0, 1], a range of 0 divides by 1 (sklearn MinMaxScaler)', () => {
    const prep = fitPreprocessing(data, 'minmax');
    expect(prep).toEqual({ kind: 'minmax', min: [1, 7], max: [4, 7] });
    const x = data.x.slice();
    normalizeInPlace(x, prep);
    expect([...x]).toEqual([0, 0, 1 / 3, 0, 2 / 3, 0, 1, 0].map(Math.fround));
  });

  it('none leaves the data as it is and keeps what else was applied', () => {
    const prep = fitPreprocessing(data, 'none', { features: ['a', 'b'] });
    expect(prep).toEqual({ kind: 'none', features: ['a', 'b'] });
    const x = data.x.slice();
    normalizeInPlace(x, prep);
    expect(x).toEqual(data.x);
  });

  it('fits on the training split only', () => {
    const rows = table(10, (r) => r * r);
    const { train, validation } = splitDataset(rows, { validation: 0.3 }, 5);
    const prep = fitPreprocessing(train, 'standardize');
    const trainValues = [...train.x.filter((_, i) => i % 2 === 0)];
    const mean = trainValues.reduce((a, b) => a + b, 0) / trainValues.length;
    if (prep.kind !== 'standardize') throw new Error('standardize expected');
    expect(prep.mean[0]).toBeCloseTo(mean, 12);
    const allMean = [...rows.x.filter((_, i) => i % 2 === 0)].reduce((a, b) => a + b, 0) / 10;
    expect(prep.mean[0]).not.toBeCloseTo(allMean, 3);
    expect(validation!.count).toBe(3);
  });

  it('survives JSON (the model file) and turns raw inputs into what the model saw', () => {
    const prep = JSON.parse(JSON.stringify(fitPreprocessing(data, 'standardize')));
    const x = data.x.slice();
    normalizeInPlace(x, prep);
    expect(applyPreprocessing([3, 7], prep)).toEqual(x.slice(4, 6));
  });

  it('scales image bytes first, exactly as the IDX loader stores pixels', () => {
    const raw = Array.from({ length: 256 }, (_, v) => v);
    const out = applyPreprocessing(raw, { kind: 'none', imageScale: 1 / 255 });
    expect([...out]).toEqual(raw.map((v) => Math.fround(v / 255)));
  });
});
