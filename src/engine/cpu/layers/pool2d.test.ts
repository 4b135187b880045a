import { describe, expect, it } from 'vitest';
import { MT19937 } from '../../random';
import { checkLayerGradients, expectClose, floats } from '../../testing/layerChecks.node';
import fixture from '../fixtures/cnn-layers.json';
import { AvgPool2d, MaxPool2d } from './pool2d';

const rng = new MT19937(2026);
const train = { training: true, step: 0 };

/**
 * n distinct values 0.01 apart, shuffled and centred: a finite-difference step of 1e-3 then never
 * moves a max pool's argmax, where the function has a kink.
 */
function distinctValues(n: number): Float32Array {
  const values = Float32Array.from({ length: n }, (_, i) => (i - n / 2) * 0.01);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return values;
}

describe('MaxPool2d and AvgPool2d', () => {
  it('have PyTorch output sizes: floor((H - k) / s) + 1, no padding', () => {
    expect(new MaxPool2d(3, 4, 5, 2, 2).outputShape()).toEqual([3, 2, 2]);
    expect(new AvgPool2d(2, 7, 6, 3, 2).outputShape()).toEqual([2, 3, 2]);
    expect(new MaxPool2d(1, 5, 4, 3, 1).outputShape()).toEqual([1, 3, 2]);
    expect(() => new AvgPool2d(1, 2, 5, 3, 1)).toThrow(/does not fit/);
    expect(new MaxPool2d(1, 4, 4, 2, 2).params()).toEqual([]);
  });

  // Finite differences (layerChecks.node.ts), 1e-3 relative. Both pools are linear in x between
  // argmax changes, so the differences are exact up to float32 rounding of the outputs.
  describe('gradients match finite differences', () => {
    const cases = [
      ['2x2 stride 2 on 4x5 (floor)', 3, 4, 5, 2, 2],
      ['3x3 stride 1 (overlapping)', 2, 5, 4, 3, 1],
      ['3x3 stride 2 on 7x6 (overlapping)', 2, 7, 6, 3, 2],
      ['2x2 stride 1 (overlapping)', 1, 3, 3, 2, 1],
    ] as const;
    for (const [name, c, h, w, k, s] of cases) {
      const batch = 2;
      it(`MaxPool2d ${name}`, () => {
        checkLayerGradients(
          new MaxPool2d(c, h, w, k, s),
          distinctValues(batch * c * h * w),
          batch,
          train,
          rng,
        );
      });
      it(`AvgPool2d ${name}`, () => {
        checkLayerGradients(
          new AvgPool2d(c, h, w, k, s),
          distinctValues(batch * c * h * w),
          batch,
          train,
          rng,
        );
      });
    }
  });

  it('MaxPool2d: a tie goes to the first maximum, a NaN wins, the later of two NaNs', () => {
    const pool = new MaxPool2d(1, 2, 3, 2, 1);
    // Windows [[2, 2], [2, 2]] and [[2, NaN], [2, NaN]] (flat indices 1, 2, 4, 5 in the second).
    const y = pool.forward(Float32Array.from([2, 2, Number.NaN, 2, 2, Number.NaN]), 1);
    expect(y[0]).toBe(2);
    expect(y[1]).toBeNaN();
    expect(Array.from(pool.backward(Float32Array.from([1, 10]), true))).toEqual([
      1, 0, 0, 0, 0, 10,
    ]);
    // All -inf: the first element, as PyTorch's scan from maxval = -inf keeps its start index.
    const inf = Number.NEGATIVE_INFINITY;
    expect(Array.from(pool.forward(new Float32Array(6).fill(inf), 1))).toEqual([inf, inf]);
    expect(Array.from(pool.backward(Float32Array.from([1, 10]), true))).toEqual([
      1, 10, 0, 0, 0, 0,
    ]);
  });

  it('backward without the input gradient returns nothing', () => {
    for (const pool of [new MaxPool2d(1, 2, 2, 2, 1), new AvgPool2d(1, 2, 2, 2, 1)]) {
      pool.forward(new Float32Array(4), 1);
      expect(pool.backward(new Float32Array(1), false)).toHaveLength(0);
    }
  });

  // A max pool's output copies values (exact). Its dL/dx sums the gradients of overlapping
  // windows that share an argmax, and an average pool sums k^2 values: here in float64 rounded
  // once, in PyTorch in float32, a rounding or two apart, far below 1e-5 of max(1, |value|).
  describe("match PyTorch (1e-5 of max(1, |value|); a max pool's output exact)", () => {
    for (const p of fixture.pool) {
      it(p.name, () => {
        const Pool = p.kind === 'max' ? MaxPool2d : AvgPool2d;
        const pool = new Pool(p.channels, p.inHeight, p.inWidth, p.kernelSize, p.stride);
        expect(pool.outputShape()).toEqual(p.outShape);
        expectClose(pool.forward(floats(p.x), p.batch), p.y, p.kind === 'max' ? 0 : 1e-5, 'y');
        expectClose(pool.backward(floats(p.dy), true), p.dx, 1e-5, 'dx');
      });
    }
  });
});
