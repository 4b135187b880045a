import { describe, expect, it } from 'vitest';
import reference from './fixtures/metrics.json';
import {
  accuracyOf,
  addToConfusion,
  argmaxRows,
  classificationMetrics,
  emptyConfusion,
  regressionMetrics,
} from './metrics';

describe('metrics', () => {
  it('takes the first largest value of each row, as torch.argmax', () => {
    const rows = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.5, 0, -1, -2, -0.5]);
    expect(Array.from(argmaxRows(rows, 3, 3))).toEqual([1, 0, 2]);
  });

  it('counts [true][predicted] and the accuracy on the diagonal', () => {
    const m = emptyConfusion(3);
    addToConfusion(m, Int32Array.from([0, 1, 2, 2]), Int32Array.from([0, 2, 2, 1]));
    expect(m).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
    ]);
    expect(accuracyOf(m)).toBe(0.5);
    expect(accuracyOf(emptyConfusion(2))).toBe(0);
  });

  // scripts/reference/metrics.py: scikit-learn 1.2's numbers, computed independently.
  describe.each(reference.classification)('per-class metrics: $name', (c) => {
    it("gives scikit-learn's precision, recall, F1, support and macro averages", () => {
      const ours = classificationMetrics(c.matrix);
      ours.perClass.forEach((m, i) => {
        const want = c.perClass[i]!;
        expect(m.support).toBe(want.support);
        expect(m.precision).toBeCloseTo(want.precision, 12);
        expect(m.recall).toBeCloseTo(want.recall, 12);
        expect(m.f1).toBeCloseTo(want.f1, 12);
      });
      expect(ours.perClass).toHaveLength(c.perClass.length);
      expect(ours.macro.precision).toBeCloseTo(c.macro.precision, 12);
      expect(ours.macro.recall).toBeCloseTo(c.macro.recall, 12);
      expect(ours.macro.f1).toBeCloseTo(c.macro.f1, 12);
    });
  });

  describe.each(reference.regression)('per-target metrics: $name', (c) => {
    it("gives scikit-learn's R², MAE and RMSE per target", () => {
      const ours = regressionMetrics(c.predictions, c.targets, c.count, c.size);
      expect(ours).toHaveLength(c.perTarget.length);
      ours.forEach((m, j) => {
        const want = c.perTarget[j]!;
        expect(m.r2).toBeCloseTo(want.r2, 12);
        expect(m.mae).toBeCloseTo(want.mae, 12);
        expect(m.rmse).toBeCloseTo(want.rmse, 12);
      });
    });
  });

  it('leaves R² out for one sample, where r2_score gives NaN', () => {
    expect(regressionMetrics([2], [3], 1, 1)).toEqual([{ mae: 1, rmse: 1 }]);
  });

  it('gives 0 for every metric of a matrix with no samples, and no classes no NaN', () => {
    const empty = classificationMetrics(emptyConfusion(2));
    expect(empty.macro).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(classificationMetrics([]).macro).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
