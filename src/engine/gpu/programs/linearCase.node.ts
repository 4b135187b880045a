import { expect } from 'vitest';
import { maxRelError, randomArray } from '../testing/runProgram.node';

/**
 * One Linear layer's kernel test case: x with 2M rows, so that the batch can be rows picked
 * through a permutation; W and b at offsets of a flat parameter buffer as the session lays them
 * out (W at 4, b after it, aligned to 4); the batch's rows of x, and that order as the epoch's
 * permutation, read from step.start = 2.
 */
export function linearCase(M: number, K: number, N: number) {
  const x = randomArray(M * 2 * K, M + K);
  const w = randomArray(N * K, N);
  const b = randomArray(N, 7);
  const wOff = 4;
  const bOff = Math.ceil((wOff + N * K) / 4) * 4;
  const params = new Float32Array(bOff + N + 4);
  params.set(w, wOff);
  params.set(b, bOff);
  const order = Array.from({ length: M }, (_, r) => (r * 7 + 3) % (2 * M));
  return {
    x,
    w,
    b,
    params,
    order,
    perm: new Uint32Array([9, 9, ...order]),
    step: { start: 2, t: 0, lossSlot: 0 },
    /** The spec fields every linear kernel takes. */
    layer: { rows: M, inFeatures: K, outFeatures: N, weightOffset: wOff, biasOffset: bOff },
  };
}

type LinearCase = ReturnType<typeof linearCase>;

/**
 * Checks a forward kernel with ReLU fused and pre-activations kept, over the case's batch order,
 * against float64: pre = z = x W^T + b, out = max(z, 0).
 */
export function expectForwardReLU(c: LinearCase, out: Record<string, Float32Array>): void {
  const { inFeatures: K, outFeatures: N } = c.layer;
  const z = new Float64Array(c.order.length * N);
  c.order.forEach((src, r) => {
    for (let n = 0; n < N; n++) {
      let s = c.b[n]!;
      for (let k = 0; k < K; k++) s += c.x[src * K + k]! * c.w[n * K + k]!;
      z[r * N + n] = s;
    }
  });
  expect(maxRelError(out.pre!, z)).toBeLessThan(1e-5);
  expect(
    maxRelError(
      out.out!,
      z.map((v) => Math.max(v, 0)),
    ),
  ).toBeLessThan(1e-5);
}

/**
 * Checks a weight-gradient kernel's `grads` against float64, batch row m being row `rows[m]` of
 * x: dW = dz^T x at W's offset, db = the column sums of dz at b's.
 */
export function expectWeightGrads(
  c: LinearCase,
  dz: Float32Array,
  rows: readonly number[],
  grads: Float32Array,
): void {
  const { inFeatures: K, outFeatures: N, weightOffset: wOff, biasOffset: bOff } = c.layer;
  const dw = new Float64Array(N * K);
  const db = new Float64Array(N);
  rows.forEach((src, m) => {
    for (let n = 0; n < N; n++) {
      db[n]! += dz[m * N + n]!;
      for (let k = 0; k < K; k++) dw[n * K + k]! += dz[m * N + n]! * c.x[src * K + k]!;
    }
  });
  expect(maxRelError(grads.subarray(wOff, wOff + N * K), dw)).toBeLessThan(1e-5);
  expect(maxRelError(grads.subarray(bOff, bOff + N), db)).toBeLessThan(1e-5);
}
