import { describe, expect, it } from 'vitest';
import { accuracyOf, addToConfusion, argmaxRows, emptyConfusion } from './metrics';

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
});
