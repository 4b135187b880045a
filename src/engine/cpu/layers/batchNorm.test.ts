import { describe, expect, it } from 'vitest';
import { MT19937 } from '../../random';
import {
  checkLayerGradients,
  expectClose,
  floats,
  randomArray,
} from '../../testing/layerChecks.node';
import fixture from '../fixtures/cnn-layers.json';
import { BatchNorm } from './batchNorm';

const rng = new MT19937(2027);
const train = { training: true, step: 0 };
const evaluate = { training: false, step: 0 };

/** A BatchNorm with random affine parameters and running statistics (variance in [0.5, 1.5)). */
function randomBatchNorm(channels: number, spatial: number, eps = 1e-5): BatchNorm {
  const runningVar = Float32Array.from(randomArray(rng, channels, 0.5), (v) => v + 1);
  return new BatchNorm(
    channels,
    spatial,
    0.1,
    eps,
    Float32Array.from(randomArray(rng, channels, 0.5), (v) => v + 1),
    randomArray(rng, channels, 0.5),
    randomArray(rng, channels, 0.5),
    runningVar,
  );
}

describe('BatchNorm', () => {
  it('is named for PyTorch, keeps the shape and the arrays it was handed', () => {
    const stats = [new Float32Array(3), new Float32Array(3).fill(1)] as const;
    const one = new Float32Array(3).fill(1);
    const bn = new BatchNorm(3, 16, 0.1, 1e-5, one, new Float32Array(3), ...stats);
    expect(bn.name).toBe('BatchNorm2d');
    expect(bn.outputShape([3, 4, 4])).toEqual([3, 4, 4]);
    expect(bn.runningMean).toBe(stats[0]);
    expect(bn.runningVar).toBe(stats[1]);
    expect(bn.params().map((p) => p.name)).toEqual(['weight', 'bias']);
    expect(bn.params()[0]!.value).toBe(one);
    expect(randomBatchNorm(3, 1).name).toBe('BatchNorm1d');
    const z = () => new Float32Array(2);
    expect(new BatchNorm(2, 3, 0.1, 1e-5, z(), z(), z(), z(), 'BatchNorm1d').name).toBe(
      'BatchNorm1d',
    );
  });

  it('refuses arrays of the wrong size, and one value per channel in training', () => {
    const z = (n: number) => new Float32Array(n);
    expect(() => new BatchNorm(3, 1, 0.1, 1e-5, z(3), z(3), z(2), z(3))).toThrow(/wrong size/);
    const bn = randomBatchNorm(2, 1);
    expect(() => bn.forward(z(2), 1, train)).toThrow(/more than 1 value per channel/);
    expect(bn.forward(z(2), 1, evaluate)).toHaveLength(2);
  });

  it('normalises each channel of a training batch to mean 0 and variance 1 (weight 1, bias 0)', () => {
    const c = 2;
    const one = () => new Float32Array(c).fill(1);
    const bn = new BatchNorm(c, 3, 0.1, 0, one(), new Float32Array(c), new Float32Array(c), one());
    const x = randomArray(rng, 4 * c * 3, 5);
    const y = bn.forward(x, 4, train);
    for (let ch = 0; ch < c; ch++) {
      const values = [0, 1, 2, 3].flatMap((s) =>
        Array.from(y.subarray((s * c + ch) * 3, (s * c + ch + 1) * 3)),
      );
      const mean = values.reduce((a, b) => a + b) / values.length;
      const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
      expect(Math.abs(mean)).toBeLessThan(1e-6);
      expect(Math.abs(variance - 1)).toBeLessThan(1e-5);
    }
  });

  it('updates the running statistics in training only', () => {
    const bn = randomBatchNorm(3, 4);
    const x = randomArray(rng, 2 * 3 * 4);
    bn.forward(x, 2, train);
    const after = [bn.runningMean.slice(), bn.runningVar.slice()];
    bn.forward(x, 2, evaluate);
    expect([bn.runningMean, bn.runningVar]).toEqual(after);
  });

  // Finite differences (layerChecks.node.ts), 1e-3 relative. In training dL/dx goes through the
  // batch mean and variance, so these check the full formula; in eval the map is affine.
  describe('gradients match finite differences', () => {
    const cases = [
      ['BatchNorm2d, training', 3, 6, 3, train],
      ['BatchNorm2d, training, batch of one image', 2, 5, 1, train],
      ['BatchNorm1d, training', 4, 1, 5, train],
      ['BatchNorm1d on [batch, C, L], training', 2, 3, 3, train],
      ['BatchNorm2d, eval', 3, 6, 3, evaluate],
      ['BatchNorm1d, eval', 4, 1, 5, evaluate],
    ] as const;
    for (const [name, channels, spatial, batch, ctx] of cases) {
      it(name, () => {
        const bn = randomBatchNorm(channels, spatial);
        const x = Float32Array.from(
          randomArray(rng, batch * channels * spatial, 2),
          (v) => v + 0.5,
        );
        checkLayerGradients(bn, x, batch, ctx, rng);
      });
    }
  });

  it('without the input gradient returns nothing but still accumulates dL/dweight and dL/dbias', () => {
    const bn = randomBatchNorm(2, 3);
    bn.forward(randomArray(rng, 2 * 6), 2, train);
    expect(bn.backward(randomArray(rng, 2 * 6), false)).toHaveLength(0);
    expect(bn.weight.grad.every((g) => g !== 0)).toBe(true);
    expect(bn.bias.grad.every((g) => g !== 0)).toBe(true);
  });

  // PyTorch's CPU kernel sums the statistics in double too but normalises in float32 (y = x alpha
  // + beta with alpha = weight invstd, beta = bias - mean alpha), and its running statistics are
  // float32 expressions: a few float32 roundings of O(1) values, below 1e-5 of max(1, |value|).
  describe('matches PyTorch (1e-5 of max(1, |value|))', () => {
    for (const b of fixture.batchNorm) {
      it(b.name, () => {
        const bn = new BatchNorm(
          b.numFeatures,
          b.spatial,
          b.momentum,
          b.eps,
          floats(b.weight),
          floats(b.bias),
          floats(b.runningMean),
          floats(b.runningVar),
          b.kind === '2d' ? 'BatchNorm2d' : 'BatchNorm1d',
        );
        const close = (a: ArrayLike<number>, e: readonly number[], what: string) =>
          expectClose(a, e, 1e-5, what);

        close(bn.forward(floats(b.train.x), b.batch, train), b.train.y, 'train y');
        close(bn.backward(floats(b.train.dy), true), b.train.dx, 'train dx');
        close(bn.weight.grad, b.train.dweight, 'train dweight');
        close(bn.bias.grad, b.train.dbias, 'train dbias');
        close(bn.runningMean, b.train.runningMean, 'running mean after one step');
        close(bn.runningVar, b.train.runningVar, 'running var after one step');

        close(bn.forward(floats(b.second.x), b.batch, train), b.second.y, 'second y');
        close(bn.runningMean, b.second.runningMean, 'running mean after two steps');
        close(bn.runningVar, b.second.runningVar, 'running var after two steps');

        for (const p of bn.params()) p.grad.fill(0);
        close(bn.forward(floats(b.eval.x), b.batch, evaluate), b.eval.y, 'eval y');
        close(bn.backward(floats(b.eval.dy), true), b.eval.dx, 'eval dx');
        close(bn.weight.grad, b.eval.dweight, 'eval dweight');
        close(bn.bias.grad, b.eval.dbias, 'eval dbias');
        close(bn.runningVar, b.second.runningVar, 'running var unchanged by eval');
      });
    }
  });
});
