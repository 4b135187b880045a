import { afterAll, expect, it } from 'vitest';
import { describeWith } from '../../testing/needs.node';
import { maxRelError, randomArray, runProgram } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import { linearBackwardData } from './linearBackwardData';
import { linearBackwardWeight } from './linearBackwardWeight';
import { expectForwardReLU, expectWeightGrads, linearCase } from './linearCase.node';
import { linearForward } from './linearForward';
import { DEFAULT_TILE, type Tile } from './tile';

const { gpu, need } = await testGpu();
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

describeWith(need, 'linear kernels on the GPU', () => {
  for (const [M, K, N] of SHAPES) {
    for (const tile of TILES) {
      const label = `${M}x${K} -> ${N}, tile ${tile.rows}x${tile.cols}`;
      const c = linearCase(M, K, N);
      const { x, w, params, layer } = c;

      it(`forward through a permutation with ReLU: ${label}`, async () => {
        const program = linearForward({
          ...layer,
          name: 'fc',
          input: 'perm',
          ops: [{ kind: 'relu' }],
          writePre: true,
          seed: 1,
          tile,
        });
        const sizes = { pre: M * N, out: M * N };
        expectForwardReLU(
          c,
          await runProgram(gpu!, program, { x, perm: c.perm, params }, sizes, c.step),
        );
      });

      it(`input gradient with the ReLU mask before it: ${label}`, async () => {
        const dz = randomArray(M * N, 11);
        const pre = randomArray(M * K, 12);
        const program = linearBackwardData({
          ...layer,
          name: 'dx',
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
        const program = linearBackwardWeight({ ...layer, name: 'dw', input: 'offset', tile });
        const step = { start: 3, t: 0, lossSlot: 0 };
        const out = await runProgram(gpu!, program, { dz, x }, { grads: params.length }, step);
        // Rows in order from step.start.
        const rows = Array.from({ length: M }, (_, m) => m + 3);
        expectWeightGrads(c, dz, rows, out.grads!);
      });
    }
  }
});
