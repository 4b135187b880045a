import { afterAll, describe, it } from 'vitest';
import { describeWith } from '../../testing/needs.node';
import { hasQuadSubgroups } from '../device';
import { randomArray, runProgram } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import { linearBackwardWeightShared } from './linearBackwardWeightShared';
import { expectForwardReLU, expectWeightGrads, linearCase } from './linearCase.node';
import { linearForwardShared } from './linearForwardShared';

const { gpu, need } = await testGpu();
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

// Adapters without 4-lane subgroups run the plain kernels instead; there is nothing to test.
describeWith(need, 'quad-shared linear kernels', () => {
  describe.skipIf(!quads)('on 4-lane subgroups', () => {
    for (const [M, K, N] of SHAPES) {
      const c = linearCase(M, K, N);
      const { x, perm, params, layer, step } = c;

      for (const tile of [
        { rows: 16, cols: 4, workgroup: 8 },
        { rows: 32, cols: 8, workgroup: 4 },
      ]) {
        it(`forward through a permutation with ReLU: ${M}x${K} -> ${N}, quad ${tile.rows}x${tile.cols}`, async () => {
          const program = linearForwardShared(
            {
              ...layer,
              name: 'fc',
              input: 'perm',
              ops: [{ kind: 'relu' }],
              writePre: true,
              seed: 1,
            },
            tile,
          );
          const sizes = { pre: M * N, out: M * N };
          expectForwardReLU(c, await runProgram(gpu!, program, { x, perm, params }, sizes, step));
        });
      }

      for (const tile of [
        { rows: 16, cols: 8, workgroup: 64 },
        { rows: 12, cols: 4, workgroup: 8 },
      ]) {
        it(`weight and bias gradients through a permutation: ${M}x${K} -> ${N}, quad ${tile.rows}x${tile.cols}`, async () => {
          const dz = randomArray(M * N, 13);
          const program = linearBackwardWeightShared({ ...layer, name: 'dw', input: 'perm' }, tile);
          const sizes = { grads: params.length };
          const out = await runProgram(gpu!, program, { dz, x, perm }, sizes, step);
          expectWeightGrads(c, dz, c.order, out.grads!);
        });
      }
    }
  });
});
