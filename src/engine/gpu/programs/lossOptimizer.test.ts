import { afterAll, expect, it } from 'vitest';
import { describeWith } from '../../testing/needs.node';
import { maxRelError, randomArray, runProgram } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import { lossProgram } from './loss';
import { optimizerProgram } from './optimizer';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

describeWith(need, 'loss and optimizer kernels', () => {
  // 70 rows: more than the kernel's 64 threads, so some threads own two rows.
  const R = 70;
  const C = 5;
  const y = randomArray(R * C, 1, -4, 4);
  y[0] = 80; // a large logit: the log-softmax must stay finite.

  it('cross-entropy: mean NLL of log-softmax, gradient (softmax - onehot) / rows', async () => {
    const labels = Uint32Array.from({ length: R + 3 }, (_, i) => (i * 3) % C);
    const program = lossProgram({
      name: 'ce',
      loss: 'cross-entropy',
      rows: R,
      outputs: C,
      targets: 'offset',
      lastOps: [],
      seed: 0,
    });
    const out = await runProgram(
      gpu!,
      program,
      { y, targets: labels },
      { grad: R * C, losses: 4 },
      { start: 3, t: 0, lossSlot: 2 },
    );
    let loss = 0;
    const grad = new Float64Array(R * C);
    for (let r = 0; r < R; r++) {
      const row = Array.from(y.subarray(r * C, (r + 1) * C));
      const m = Math.max(...row);
      const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
      const label = labels[r + 3]!;
      loss += lse - row[label]!;
      row.forEach((v, c) => {
        grad[r * C + c] = (Math.exp(v - lse) - (c === label ? 1 : 0)) / R;
      });
    }
    expect(out.losses![2]).toBeCloseTo(loss / R, 5);
    expect(maxRelError(out.grad!, grad)).toBeLessThan(1e-6);
  });

  it('MSE through a permutation, with the derivative of a fused ReLU', async () => {
    const targets = randomArray((R + 5) * C, 2);
    const pre = randomArray(R * C, 3);
    const perm = Uint32Array.from({ length: R }, (_, i) => (i * 11) % (R + 5));
    const program = lossProgram({
      name: 'mse',
      loss: 'mse',
      rows: R,
      outputs: C,
      targets: 'perm',
      lastOps: [{ kind: 'relu' }],
      seed: 0,
    });
    const out = await runProgram(
      gpu!,
      program,
      { y, targets, perm, pre },
      { grad: R * C, losses: 1 },
    );
    let loss = 0;
    const grad = new Float64Array(R * C);
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        const d = y[r * C + c]! - targets[perm[r]! * C + c]!;
        loss += d * d;
        grad[r * C + c] = pre[r * C + c]! > 0 ? (2 * d) / (R * C) : 0;
      }
    }
    expect(out.losses![0]).toBeCloseTo(loss / (R * C), 3);
    expect(maxRelError(out.grad!, grad)).toBeLessThan(1e-6);
  });

  const N = 40;
  const params = randomArray(N, 4);
  const grads = randomArray(N, 5);
  const state1 = randomArray(N, 6);
  const state2 = randomArray(N, 7, 0, 1);

  it("SGD with momentum and weight decay (torch.optim.SGD), at the step record's rate", async () => {
    const settings = { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.01 } as const;
    // A schedule's rate for this epoch, not the settings' first one: no new shader for it.
    const step = { start: 0, t: 0, lossSlot: 0, stepSize: 0.025 };
    const out = await runProgram(
      gpu!,
      optimizerProgram({ name: 'sgd', settings, size: N }),
      { params, grads, state1 },
      {},
      step,
    );
    const g = Array.from(grads, (v, i) => v + 0.01 * params[i]!);
    const buf = g.map((v, i) => 0.9 * state1[i]! + v);
    expect(maxRelError(out.state1!, buf)).toBeLessThan(1e-6);
    expect(
      maxRelError(
        out.params!,
        buf.map((b, i) => params[i]! - 0.025 * b),
      ),
    ).toBeLessThan(1e-6);
  });

  it('Adam with bias correction and weight decay (torch.optim.Adam), step 3', async () => {
    const settings = {
      type: 'adam',
      lr: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0.1,
    } as const;
    const t = 3;
    const step = {
      start: 0,
      t: 2,
      lossSlot: 0,
      stepSize: 0.01 / (1 - 0.9 ** t),
      bc2Sqrt: Math.sqrt(1 - 0.999 ** t),
    };
    const out = await runProgram(
      gpu!,
      optimizerProgram({ name: 'adam', settings, size: N }),
      { params, grads, state1, state2 },
      {},
      step,
    );
    const expected = Array.from(params, (p, i) => {
      const g = grads[i]! + 0.1 * p;
      const m = 0.9 * state1[i]! + 0.1 * g;
      const v = 0.999 * state2[i]! + 0.001 * g * g;
      return p - step.stepSize * (m / (Math.sqrt(v) / step.bc2Sqrt + 1e-8));
    });
    expect(maxRelError(out.params!, expected)).toBeLessThan(1e-6);
  });
});
