import { describe, expect, it } from 'vitest';
import { MT19937 } from '../random';
import type { Layer } from './layers';
import { Dropout } from './layers/dropout';
import { Flatten } from './layers/flatten';
import { LeakyReLU } from './layers/leakyRelu';
import { Linear } from './layers/linear';
import { ReLU } from './layers/relu';
import { Sigmoid } from './layers/sigmoid';
import { Softmax } from './layers/softmax';
import { Tanh } from './layers/tanh';
import { crossEntropyLoss, mseLoss } from './losses';
import type { TargetBatch } from './targets';

// Every analytic gradient against central finite differences, (L(v + h) - L(v - h)) / 2h, of the
// scalar L = sum_i r_i y_i for fixed random weights r (so dL/dy = r). The sums are in float64;
// only the stored tensors are float32, hence h = 1e-3 and a tolerance of 1e-3 relative.

const rng = new MT19937(2024);
function randomArray(n: number, scale = 1, awayFromZero = 0): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = (rng.nextFloat24() * 2 - 1) * scale;
    if (Math.abs(v) < awayFromZero) v += Math.sign(v || 1) * awayFromZero; // clear of ReLU's kink
    out[i] = v;
  }
  return out;
}

const H = 1e-3;
const BATCH = 3;
const train = { training: true, step: 7 };

function weighted(y: Float32Array, r: Float32Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]! * r[i]!;
  return s;
}

/** Checks dL/dv (analytic, given) against finite differences of `lossAt` at every entry of `v`. */
function expectGradient(v: Float32Array, analytic: Float32Array, lossAt: () => number): void {
  expect(analytic.length).toBe(v.length);
  for (let i = 0; i < v.length; i++) {
    const keep = v[i]!;
    v[i] = keep + H;
    const up = lossAt();
    v[i] = keep - H;
    const down = lossAt();
    v[i] = keep;
    const numeric = (up - down) / (2 * H);
    expect(Math.abs(analytic[i]! - numeric)).toBeLessThan(1e-3 * Math.max(1, Math.abs(numeric)));
  }
}

function checkLayer(layer: Layer, inputSize: number, awayFromZero = 0, batch = BATCH): void {
  const x = randomArray(batch * inputSize, 2, awayFromZero);
  const y = layer.forward(x, batch, train);
  const r = randomArray(y.length);
  for (const p of layer.params()) p.grad.fill(0);
  const dx = layer.backward(r, true);
  const lossAt = () => weighted(layer.forward(x, batch, train), r);
  expectGradient(x, dx, lossAt);
  for (const p of layer.params()) expectGradient(p.value, p.grad.slice(), lossAt);
}

describe('layer gradients match finite differences', () => {
  it('Linear: dL/dx, dL/dW and dL/db', () => {
    checkLayer(new Linear(4, 3, randomArray(12), randomArray(3)), 4);
  });
  it('Linear with sizes that use every block and remainder of the loops', () => {
    checkLayer(new Linear(5, 9, randomArray(45), randomArray(9)), 5, 0, 7);
  });
  it('Linear without the input gradient still accumulates dL/dW', () => {
    const layer = new Linear(2, 2, randomArray(4), randomArray(2));
    const x = randomArray(2 * BATCH);
    layer.forward(x, BATCH, train);
    expect(layer.backward(randomArray(2 * BATCH), false)).toHaveLength(0);
    expect(layer.weight.grad.some((g) => g !== 0)).toBe(true);
  });
  it('ReLU', () => checkLayer(new ReLU(), 5, 0.05));
  it('LeakyReLU', () => checkLayer(new LeakyReLU(0.1), 5, 0.05));
  it('Sigmoid', () => checkLayer(new Sigmoid(), 5));
  it('Tanh', () => checkLayer(new Tanh(), 5));
  it('Softmax', () => checkLayer(new Softmax(4), 4));
  it('Flatten', () => checkLayer(new Flatten(), 6));
  it('Dropout (training, a fixed mask for a fixed step)', () =>
    checkLayer(new Dropout(0.4, 1, 2), 8));
});

describe('loss gradients match finite differences', () => {
  function checkLoss(
    loss: typeof mseLoss,
    output: Float32Array,
    target: TargetBatch,
    batch: number,
  ): void {
    const { grad } = loss.forwardBackward(output, target, batch);
    // The unrounded mean, from sampleSum, so that h stays far above float32 rounding.
    expectGradient(output, grad, () => loss.sampleSum(output, target, batch) / batch);
  }
  it('MSE', () => {
    const target: TargetBatch = { task: 'regression', values: randomArray(BATCH * 2), size: 2 };
    checkLoss(mseLoss, randomArray(BATCH * 2), target, BATCH);
  });
  it('cross-entropy on logits', () => {
    const target: TargetBatch = {
      task: 'classification',
      labels: Int32Array.from([2, 0, 1]),
      classes: 3,
    };
    checkLoss(crossEntropyLoss, randomArray(BATCH * 3, 3), target, BATCH);
  });
});
