import { afterAll, describe, expect, it } from 'vitest';
import { hasQuadSubgroups } from '../device';
import { maxRelError, randomArray, runProgram } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import { linearBackwardWeightShared } from './linearBackwardWeightShared';
import { linearForwardShared } from './linearForwardShared';

const { gpu, reason } = await testGpu();
afterAll(releaseTestGpu);
const quads = gpu !== undefined && hasQuadSubgroups(gpu);

// [rows, in, out]: images (K = 784), rows and outputs off the tile edges, a batch smaller than a
// quad's rows.
const SHAPES: [number, number, number][] = [
  [64, 784, 128],
  [13, 784, 12],
  [7, 12, 8],
  [30, 128, 20],
];

describe.skipIf(!quads)(`quad-shared linear kernels ${reason || '(no 4-lane subgroups)'}`, () => {
  for (const [M, K, N] of SHAPES) {
    const x = randomArray(M * 2 * K, M + K);
    const w = randomArray(N * K, N);
    const b = randomArray(N, 7);
    // The flat parameter buffer's layout: W at 4, b after it (aligned to 4).
    const wOff = 4;
    const bOff = Math.ceil((wOff + N * K) / 4) * 4;
    const params = new Float32Array(bOff + N + 4);
    params.set(w, wOff);
    params.set(b, bOff);
    const order = Array.from({ length: M }, (_, r) => (r * 7 + 3) % (2 * M));
    const perm = new Uint32Array([9, 9, ...order]);
    const step = { start: 2, t: 0, lossSlot: 0 };

    for (const tile of [
      { rows: 16, cols: 4, workgroup: 8 },
      { rows: 32, cols: 8, workgroup: 4 },
    ]) {
      it(`forward through a permutation with ReLU: ${M}x${K} -> ${N}, quad ${tile.rows}x${tile.cols}`, async () => {
        const program = linearForwardShared(
          {
            name: 'fc',
            rows: M,
            inFeatures: K,
            outFeatures: N,
            weightOffset: wOff,
            biasOffset: bOff,
            input: 'perm',
            ops: [{ kind: 'relu' }],
            writePre: true,
            seed: 1,
          },
          tile,
        );
        const sizes = { pre: M * N, out: M * N };
        const out = await runProgram(gpu!, program, { x, perm, params }, sizes, step);
        const z = new Float64Array(M * N);
        order.forEach((src, r) => {
          for (let n = 0; n < N; n++) {
            let s = b[n]!;
            for (let k = 0; k < K; k++) s += x[src * K + k]! * w[n * K + k]!;
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
      });
    }

    for (const tile of [
      { rows: 16, cols: 8, workgroup: 64 },
      { rows: 12, cols: 4, workgroup: 8 },
    ]) {
      it(`weight and bias gradients through a permutation: ${M}x${K} -> ${N}, quad ${tile.rows}x${tile.cols}`, async () => {
        const dz = randomArray(M * N, 13);
        const program = linearBackwardWeightShared(
          {
            name: 'dw',
            rows: M,
            inFeatures: K,
            outFeatures: N,
            weightOffset: wOff,
            biasOffset: bOff,
            input: 'perm',
          },
          tile,
        );
        const out = await runProgram(
          gpu!,
          program,
          { dz, x, perm },
          { grads: params.length },
          step,
        );
        const dw = new Float64Array(N * K);
        const db = new Float64Array(N);
        order.forEach((src, m) => {
          for (let n = 0; n < N; n++) {
            db[n]! += dz[m * N + n]!;
            for (let k = 0; k < K; k++) dw[n * K + k]! += dz[m * N + n]! * x[src * K + k]!;
          }
        });
        expect(maxRelError(out.grads!.subarray(wOff, wOff + N * K), dw)).toBeLessThan(1e-5);
        expect(maxRelError(out.grads!.subarray(bOff, bOff + N), db)).toBeLessThan(1e-5);
      });
    }
  }
});
