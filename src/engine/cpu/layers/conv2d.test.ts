import { describe, expect, it } from 'vitest';
import { MT19937 } from '../../random';
import {
  checkLayerGradients,
  expectClose,
  floats,
  randomArray,
} from '../../testing/layerChecks.node';
import fixture from '../fixtures/cnn-layers.json';
import { Conv2d } from './conv2d';

const rng = new MT19937(2025);
const train = { training: true, step: 0 };

/** A Conv2d with random parameters, as `[in, out, k, stride, padding, H, W]`. */
function randomConv(shape: readonly [number, number, number, number, number, number, number]) {
  const [c, m, k, stride, padding, h, w] = shape;
  return new Conv2d(
    c,
    m,
    k,
    stride,
    padding,
    h,
    w,
    randomArray(rng, m * c * k * k),
    randomArray(rng, m),
  );
}

describe('Conv2d', () => {
  it('has PyTorch output sizes: floor((H + 2p - k) / s) + 1', () => {
    expect(randomConv([1, 2, 3, 1, 0, 5, 6]).outputShape()).toEqual([2, 3, 4]);
    expect(randomConv([1, 2, 3, 2, 1, 7, 6]).outputShape()).toEqual([2, 4, 3]);
    expect(randomConv([1, 1, 5, 1, 2, 6, 5]).outputShape()).toEqual([1, 6, 5]);
  });

  it('refuses parameters of the wrong size and a kernel larger than the padded input', () => {
    const w = new Float32Array(2 * 3 * 9);
    expect(() => new Conv2d(3, 2, 3, 1, 0, 5, 5, w, new Float32Array(3))).toThrow(/wrong size/);
    expect(() => new Conv2d(3, 2, 3, 1, 0, 5, 5, w.subarray(1), new Float32Array(2))).toThrow(
      /wrong size/,
    );
    expect(() => new Conv2d(3, 2, 3, 1, 0, 2, 5, w, new Float32Array(2))).toThrow(/does not fit/);
  });

  // Finite differences of L = sum r y (layerChecks.node.ts), 1e-3 relative as in gradcheck.test.ts.
  // L is linear in x and in each parameter, so central differences are exact for any step but for
  // the float32 rounding of y, divided by 2h: h = 0.05 keeps that near 1e-5 (at h = 1e-3 it
  // reaches 3e-4).
  describe('gradients match finite differences', () => {
    const cases = [
      ['3x3, no padding, stride 1, 5x6', [2, 3, 3, 1, 0, 5, 6]],
      ['3x3, padding 1, stride 1, 4x4', [2, 2, 3, 1, 1, 4, 4]],
      ['3x3, padding 1, stride 2, 7x6 (floor)', [2, 3, 3, 2, 1, 7, 6]],
      ['2x2, no padding, stride 2, 6x5', [3, 2, 2, 2, 0, 6, 5]],
      ['1x1, one channel in', [1, 4, 1, 1, 0, 3, 2]],
    ] as const;
    for (const [name, shape] of cases) {
      it(name, () => {
        const conv = randomConv(shape);
        const [c, , , , , h, w] = shape;
        const batch = 2;
        checkLayerGradients(conv, randomArray(rng, batch * c * h * w, 2), batch, train, rng, 0.05);
      });
    }
  });

  it('without the input gradient returns nothing but still accumulates dL/dW and dL/db', () => {
    const conv = randomConv([2, 2, 3, 1, 1, 4, 4]);
    conv.forward(randomArray(rng, 2 * 32), 2, train);
    expect(conv.backward(randomArray(rng, 2 * 32), false)).toHaveLength(0);
    expect(conv.weight.grad.some((g) => g !== 0)).toBe(true);
    expect(conv.bias.grad.some((g) => g !== 0)).toBe(true);
  });

  // PyTorch sums in float32 (mkldnn or its own im2col + BLAS), this layer in float64 rounded
  // once: the two differ by a few float32 roundings of sums of up to 25 products of O(1) values,
  // far below 1e-5 of max(1, |value|) (observed worst: about 1e-6).
  describe('matches PyTorch (1e-5 of max(1, |value|))', () => {
    for (const c of fixture.conv) {
      it(c.name, () => {
        const conv = new Conv2d(
          c.inChannels,
          c.outChannels,
          c.kernelSize,
          c.stride,
          c.padding,
          c.inHeight,
          c.inWidth,
          floats(c.weight),
          floats(c.bias),
        );
        expect(conv.outputShape()).toEqual(c.outShape);
        expectClose(conv.forward(floats(c.x), c.batch, train), c.y, 1e-5, 'y');
        expectClose(conv.backward(floats(c.dy), true), c.dx, 1e-5, 'dx');
        expectClose(conv.weight.grad, c.dweight, 1e-5, 'dweight');
        expectClose(conv.bias.grad, c.dbias, 1e-5, 'dbias');
      });
    }
  });
});
