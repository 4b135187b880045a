import { afterAll, expect, it } from 'vitest';
import { describeWith } from '../../testing/needs.node';
import { maxRelError, randomArray, runProgram } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import { pool2dRef } from './convReference.node';
import {
  type Pool2dLayer,
  type PoolKind,
  pool2dBackward,
  pool2dForward,
  pool2dOutputSize,
} from './pool2d';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

type Shape = Omit<Pool2dLayer, 'name'>;

// Windows that tile the input with an edge the floor mode cuts off, overlapping windows (stride
// below the kernel, two strides), and the lesson's pools at batch 64.
const SHAPES: Shape[] = [
  { batch: 3, channels: 2, inHeight: 5, inWidth: 7, kernelSize: 2, stride: 2 },
  { batch: 2, channels: 3, inHeight: 7, inWidth: 6, kernelSize: 3, stride: 2 },
  { batch: 2, channels: 2, inHeight: 6, inWidth: 5, kernelSize: 3, stride: 1 },
  { batch: 1, channels: 1, inHeight: 9, inWidth: 9, kernelSize: 2, stride: 3 },
  { batch: 64, channels: 16, inHeight: 28, inWidth: 28, kernelSize: 2, stride: 2 },
  { batch: 64, channels: 16, inHeight: 14, inWidth: 14, kernelSize: 2, stride: 2 },
];

const label = (s: Shape) =>
  `batch ${s.batch}, ${s.channels}x${s.inHeight}x${s.inWidth}, k${s.kernelSize} s${s.stride}`;

function sizes(shape: Shape) {
  const { outHeight, outWidth } = pool2dOutputSize({ ...shape, name: '' });
  return {
    inputs: shape.batch * shape.channels * shape.inHeight * shape.inWidth,
    outputs: shape.batch * shape.channels * outHeight * outWidth,
  };
}

/** Values from {-1, -0.5, 0, 0.5, 1}: most windows hold ties, which go to the first maximum. */
function tied(n: number, seed: number): Float32Array {
  return randomArray(n, seed, -1, 1).map((v) => Math.round(v * 2) / 2);
}

// A max or an average of at most 9 numbers: the max is exact, the average within a rounding or
// two of float64's; dx adds at most 9 window gradients.
const TOLERANCE = 1e-6;

describeWith(need, 'pooling kernels on the GPU', () => {
  for (const shape of SHAPES) {
    const { inputs, outputs } = sizes(shape);
    for (const kind of ['max', 'avg'] as PoolKind[]) {
      it(`${kind} pool forward through a permutation, ties in every window: ${label(shape)}`, async () => {
        const x = tied(2 * inputs, inputs);
        const order = Array.from(
          { length: shape.batch },
          (_, r) => (r * 5 + 1) % (2 * shape.batch),
        );
        const perm = new Uint32Array([7, ...order]);
        const program = pool2dForward({ ...shape, name: 'pool', kind, input: 'perm' });
        const want = { out: outputs, indices: outputs };
        const out = await runProgram(gpu!, program, { x, perm }, want, {
          start: 1,
          t: 0,
          lossSlot: 0,
        });
        const plane = shape.channels * shape.inHeight * shape.inWidth;
        const batch = new Float32Array(inputs);
        order.forEach((src, n) => {
          batch.set(x.subarray(src * plane, (src + 1) * plane), n * plane);
        });
        const ref = pool2dRef(shape, kind, batch, new Float32Array(outputs));
        expect(maxRelError(out.out!, ref.out)).toBeLessThan(TOLERANCE);
        if (kind === 'max') {
          const indices = new Uint32Array(out.indices!.buffer, 0, outputs);
          expect(indices).toEqual(ref.indices);
        }
      });

      it(`${kind} pool input gradient with the ReLU mask before it: ${label(shape)}`, async () => {
        const x = tied(inputs, inputs + 1);
        const dy = randomArray(outputs, 5);
        const pre = randomArray(inputs, 6);
        const ref = pool2dRef(shape, kind, x, dy);
        const program = pool2dBackward({
          ...shape,
          name: 'pool dx',
          kind,
          prevOps: [{ kind: 'relu' }],
          seed: 1,
        });
        const out = await runProgram(
          gpu!,
          program,
          { dy, indices: ref.indices, pre },
          { dx: inputs },
        );
        const want = ref.dx.map((v, i) => (pre[i]! > 0 ? v : 0));
        expect(maxRelError(out.dx!, want)).toBeLessThan(TOLERANCE);
      });
    }
  }

  it('max pool: a NaN wins its window (the last one), a window of -inf keeps its first', async () => {
    const shape = { batch: 1, channels: 2, inHeight: 4, inWidth: 4, kernelSize: 2, stride: 2 };
    const x = randomArray(32, 3);
    x[5] = Number.NaN; // window (0, 0): the second row's second value
    x[2] = Number.NaN; // window (0, 1): two NaNs, the later one wins
    x[7] = Number.NaN;
    for (const i of [24, 25, 28, 29]) x[i] = Number.NEGATIVE_INFINITY; // channel 1, window (1, 0)
    const program = pool2dForward({ ...shape, name: 'pool', kind: 'max', input: 'buffer' });
    const out = await runProgram(gpu!, program, { x }, { out: 8, indices: 8 });
    const ref = pool2dRef(shape, 'max', x, new Float32Array(8));
    expect(new Uint32Array(out.indices!.buffer, 0, 8)).toEqual(ref.indices);
    expect(Array.from(out.out!.subarray(0, 8))).toEqual(Array.from(ref.out, Math.fround));
  });
});
