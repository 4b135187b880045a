import { afterAll, describe, expect, it } from 'vitest';
import { maxRelError, randomArray, runProgram } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import { linearBackwardData } from './linearBackwardData';
import { linearBackwardWeight } from './linearBackwardWeight';
import { linearForward } from './linearForward';
import { DEFAULT_TILE, type Tile } from './tile';

const { gpu, reason } = await testGpu();
afterAll(releaseTestGpu);

// Shapes: tiny and odd (crop yields is 5x3 -> 2), K = 784 (images), M not a multiple of 4,
// outputs not a multiple of 4, batch 64 x 784 -> 128.
const SHAPES: [number, number, number][] = [
  [5, 3, 2],
  [13, 784, 10],
  [7, 10, 6],
  [64, 784, 128],
  [30, 128, 10],
];
const TILES: Tile[] = [DEFAULT_TILE, { rows: 4, cols: 4, workgroup: 16 }];

/** Plain float64 y = act(x W^T + b) over rows `order[r]` of x. */
function refForward(
  x: Float32Array,
  w: Float32Array,
  b: Float32Array,
  order: number[],
  K: number,
  N: number,
) {
  const out = new Float64Array(order.length * N);
  order.forEach((src, r) => {
    for (let n = 0; n < N; n++) {
      let s = b[n]!;
      for (let k = 0; k < K; k++) s += x[src * K + k]! * w[n * K + k]!;
      out[r * N + n] = s;
    }
  });
  return out;
}

describe.skipIf(!gpu)(`linear kernels on the GPU ${reason}`, () => {
  for (const [M, K, N] of SHAPES) {
    for (const tile of TILES) {
      const label = `${M}x${K} -> ${N}, tile ${tile.rows}x${tile.cols}`;
      const x = randomArray(M * 2 * K, M + K);
      const w = randomArray(N * K, N);
      const b = randomArray(N, 7);
      // Parameters at an offset, as in the flat buffer: W at 4, b after it (aligned to 4).
      const wOff = 4;
      const bOff = Math.ceil((wOff + N * K) / 4) * 4;
      const params = new Float32Array(bOff + N + 4);
      params.set(w, wOff);
      params.set(b, bOff);
      const order = Array.from({ length: M }, (_, r) => (r * 7 + 3) % (2 * M));

      it(`forward through a permutation with ReLU: ${label}`, async () => {
        const program = linearForward({
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
          tile,
        });
        const perm = new Uint32Array([9, 9, ...order]);
        const out = await runProgram(
          gpu!,
          program,
          { x, perm, params },
          { pre: M * N, out: M * N },
          {
            start: 2,
            t: 0,
            lossSlot: 0,
          },
        );
        const z = refForward(x, w, b, order, K, N);
        expect(maxRelError(out.pre!, z)).toBeLessThan(1e-5);
        expect(
          maxRelError(
            out.out!,
            z.map((v) => Math.max(v, 0)),
          ),
        ).toBeLessThan(1e-5);
      });

      it(`input gradient with the ReLU mask before it: ${label}`, async () => {
        const dz = randomArray(M * N, 11);
        const pre = randomArray(M * K, 12);
        const program = linearBackwardData({
          name: 'dx',
          rows: M,
          inFeatures: K,
          outFeatures: N,
          weightOffset: wOff,
          prevOps: [{ kind: 'relu' }],
          seed: 1,
          tile,
        });
        const out = await runProgram(gpu!, program, { dz, params, pre }, { dx: M * K });
        const ref = new Float64Array(M * K);
        for (let m = 0; m < M; m++) {
          for (let k = 0; k < K; k++) {
            let s = 0;
            for (let n = 0; n < N; n++) s += dz[m * N + n]! * w[n * K + k]!;
            ref[m * K + k] = pre[m * K + k]! > 0 ? s : 0;
          }
        }
        expect(maxRelError(out.dx!, ref)).toBeLessThan(1e-5);
      });

      it(`weight and bias gradients from dataset rows: ${label}`, async () => {
        const dz = randomArray(M * N, 13);
        const program = linearBackwardWeight({
          name: 'dw',
          rows: M,
          inFeatures: K,
          outFeatures: N,
          weightOffset: wOff,
          biasOffset: bOff,
          input: 'offset',
          tile,
        });
        const out = await runProgram(
          gpu!,
          program,
          { dz, x },
          { grads: params.length },
          {
            start: 3,
            t: 0,
            lossSlot: 0,
          },
        );
        const dw = new Float64Array(N * K);
        const db = new Float64Array(N);
        for (let m = 0; m < M; m++) {
          for (let n = 0; n < N; n++) {
            db[n]! += dz[m * N + n]!;
            for (let k = 0; k < K; k++) dw[n * K + k]! += dz[m * N + n]! * x[(m + 3) * K + k]!;
          }
        }
        expect(maxRelError(out.grads!.subarray(wOff, wOff + N * K), dw)).toBeLessThan(1e-5);
        expect(maxRelError(out.grads!.subarray(bOff, bOff + N), db)).toBeLessThan(1e-5);
      });
    }
  }
});
