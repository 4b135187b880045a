import { afterAll, expect, it } from 'vitest';
import { dropoutUniform } from '../../model/dropoutHash';
import { describeWith } from '../../testing/needs.node';
import { maxRelError, randomArray, runProgram } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import { CONV_TILE, type Conv2dLayer, conv2dForward, conv2dOutputSize } from './conv2d';
import {
  CONV_GRAD_TILE,
  conv2dBackwardData,
  conv2dBackwardWeight,
  conv2dGradChunks,
  conv2dPartialsFloats,
  conv2dWeightReduce,
} from './conv2dBackward';
import { conv2dGradsRef, conv2dRef } from './convReference.node';
import type { Tile } from './tile';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

type Shape = Omit<Conv2dLayer, 'name' | 'weightOffset' | 'biasOffset'>;

// Small odd shapes (stride 2 with padding, no padding, a kernel wider than the stride, one
// sample), then the lesson's two layers at batch 64.
const SHAPES: [string, Shape][] = [
  [
    'batch 3, 1x5x7 -> 2, k3 p1 s2',
    {
      batch: 3,
      inChannels: 1,
      inHeight: 5,
      inWidth: 7,
      outChannels: 2,
      kernelSize: 3,
      stride: 2,
      padding: 1,
    },
  ],
  [
    'batch 2, 3x6x5 -> 5, k3 p0 s1',
    {
      batch: 2,
      inChannels: 3,
      inHeight: 6,
      inWidth: 5,
      outChannels: 5,
      kernelSize: 3,
      stride: 1,
      padding: 0,
    },
  ],
  [
    'batch 1, 2x9x8 -> 3, k5 p2 s3',
    {
      batch: 1,
      inChannels: 2,
      inHeight: 9,
      inWidth: 8,
      outChannels: 3,
      kernelSize: 5,
      stride: 3,
      padding: 2,
    },
  ],
  [
    'batch 64, 1x28x28 -> 16, k3 p1',
    {
      batch: 64,
      inChannels: 1,
      inHeight: 28,
      inWidth: 28,
      outChannels: 16,
      kernelSize: 3,
      stride: 1,
      padding: 1,
    },
  ],
  [
    'batch 64, 8x14x14 -> 16, k3 p1',
    {
      batch: 64,
      inChannels: 8,
      inHeight: 14,
      inWidth: 14,
      outChannels: 16,
      kernelSize: 3,
      stride: 1,
      padding: 1,
    },
  ],
];

const TILES: Tile[] = [CONV_TILE, { rows: 3, cols: 4, workgroup: 16 }];

/**
 * One layer's test case: W at float 4 of the flat parameter buffer and b after it (aligned to 4,
 * as the session lays parameters out); x with twice the batch's samples, so that the batch can be
 * picked through a permutation read from step.start = 2.
 */
function convCase(shape: Shape, bias: boolean) {
  const { batch, inChannels: C, inHeight: H, inWidth: W, outChannels: O, kernelSize: k } = shape;
  const wOff = 4;
  const bOff = Math.ceil((wOff + O * C * k * k) / 4) * 4;
  const layer: Conv2dLayer = {
    ...shape,
    name: 'conv',
    weightOffset: wOff,
    biasOffset: bias ? bOff : null,
  };
  const bound = 1 / Math.sqrt(C * k * k);
  const w = randomArray(O * C * k * k, O + C, -bound, bound);
  const b = randomArray(O, 7, -bound, bound);
  const params = new Float32Array(bOff + O + 4);
  params.set(w, wOff);
  if (bias) params.set(b, bOff);
  const x = randomArray(2 * batch * C * H * W, H + W);
  const order = Array.from({ length: batch }, (_, r) => (r * 5 + 3) % (2 * batch));
  const { outHeight, outWidth } = conv2dOutputSize(layer);
  return {
    layer,
    w,
    b: bias ? b : null,
    params,
    x,
    order,
    perm: new Uint32Array([9, 9, ...order]),
    step: { start: 2, t: 0, lossSlot: 0 },
    outSize: batch * O * outHeight * outWidth,
  };
}

// Float32 sums of at most 200 products of numbers below 1 against a float64 reference: errors
// near 1e-7 relative to the sums' typical size; 1e-5 leaves room for the order of the sums.
const TOLERANCE = 1e-5;

describeWith(need, 'convolution kernels on the GPU', () => {
  it('forward over more than 65,535 workgroups (one 1x4 block each), numbered along y too', async () => {
    const c = convCase(SHAPES[3]![1], true);
    const tile = { rows: 1, cols: 4, workgroup: 1 };
    const program = conv2dForward({
      ...c.layer,
      input: 'buffer',
      ops: [],
      writePre: false,
      seed: 1,
      tile,
    });
    expect(program.dispatch[1]).toBeGreaterThan(1);
    const out = await runProgram(gpu!, program, { x: c.x, params: c.params }, { out: c.outSize });
    expect(maxRelError(out.out!, conv2dRef(c.layer, c.x, c.w, c.b))).toBeLessThan(TOLERANCE);
  });

  it('forward with Dropout fused: the mask of each output at its NCHW index in the batch', async () => {
    const c = convCase(SHAPES[0]![1], true);
    const p = 0.5;
    const program = conv2dForward({
      ...c.layer,
      input: 'buffer',
      ops: [{ kind: 'dropout', p, layer: 2 }],
      writePre: false,
      seed: 7,
      tile: CONV_TILE,
    });
    const step = { start: 0, t: 5, lossSlot: 0 };
    const out = await runProgram(
      gpu!,
      program,
      { x: c.x, params: c.params },
      { out: c.outSize },
      step,
    );
    const z = conv2dRef(c.layer, c.x, c.w, c.b);
    const want = z.map((v, i) => (dropoutUniform(7, 2, 5, i) >= p ? v / (1 - p) : 0));
    expect(maxRelError(out.out!, want)).toBeLessThan(TOLERANCE);
  });

  for (const [label, shape] of SHAPES) {
    for (const tile of TILES) {
      const tileLabel = `tile ${tile.rows}x${tile.cols}w${tile.workgroup}`;

      it(`forward through a permutation with ReLU: ${label}, ${tileLabel}`, async () => {
        const c = convCase(shape, true);
        const program = conv2dForward({
          ...c.layer,
          input: 'perm',
          ops: [{ kind: 'relu' }],
          writePre: true,
          seed: 1,
          tile,
        });
        const sizes = { pre: c.outSize, out: c.outSize };
        const inputs = { x: c.x, perm: c.perm, params: c.params };
        const out = await runProgram(gpu!, program, inputs, sizes, c.step);
        const z = conv2dRef(c.layer, c.x, c.w, c.b, c.order);
        expect(maxRelError(out.pre!, z)).toBeLessThan(TOLERANCE);
        expect(
          maxRelError(
            out.out!,
            z.map((v) => Math.max(v, 0)),
          ),
        ).toBeLessThan(TOLERANCE);
      });

      it(`forward from a buffer without bias: ${label}, ${tileLabel}`, async () => {
        const c = convCase(shape, false);
        const program = conv2dForward({
          ...c.layer,
          input: 'buffer',
          ops: [],
          writePre: false,
          seed: 1,
          tile,
        });
        const out = await runProgram(
          gpu!,
          program,
          { x: c.x, params: c.params },
          { out: c.outSize },
        );
        expect(maxRelError(out.out!, conv2dRef(c.layer, c.x, c.w, null))).toBeLessThan(TOLERANCE);
      });

      it(`input gradient with the ReLU mask before it: ${label}, ${tileLabel}`, async () => {
        const c = convCase(shape, true);
        const { batch, inChannels: C, inHeight: H, inWidth: W } = shape;
        const dz = randomArray(c.outSize, 11);
        const pre = randomArray(batch * C * H * W, 12);
        const program = conv2dBackwardData({
          ...c.layer,
          prevOps: [{ kind: 'relu' }],
          seed: 1,
          tile,
        });
        const sizes = { dx: pre.length };
        const out = await runProgram(gpu!, program, { dz, params: c.params, pre }, sizes);
        const { dx } = conv2dGradsRef(c.layer, c.x, c.w, dz);
        expect(
          maxRelError(
            out.dx!,
            dx.map((v, i) => (pre[i]! > 0 ? v : 0)),
          ),
        ).toBeLessThan(TOLERANCE);
      });
    }

    // One dispatch straight into grads; the default split; an odd split with a narrower tile.
    const split = conv2dGradChunks({ ...shape, name: '', weightOffset: 0, biasOffset: 0 });
    const grads: [number, Tile][] = [
      [1, CONV_GRAD_TILE],
      ...(split > 1 ? [[split, CONV_GRAD_TILE] as [number, Tile]] : []),
      [3, { rows: 3, cols: 8, workgroup: 16 }],
      // More chunks than a small batch has positions: the extra ones add nothing.
      ...(split < 40 ? [[40, CONV_GRAD_TILE] as [number, Tile]] : []),
    ];
    for (const [chunks, tile] of grads) {
      for (const bias of [true, false]) {
        it(`weight${bias ? ' and bias' : ''} gradients through a permutation, ${chunks} chunks: ${label}, tile ${tile.rows}x${tile.cols}`, async () => {
          const c = convCase(shape, bias);
          const dz = randomArray(c.outSize, 13);
          const spec = { ...c.layer, input: 'perm', chunks, tile } as const;
          const grads = new Float32Array(c.params.length).fill(Number.NaN);
          const first = conv2dBackwardWeight(spec);
          const inputs = { dz, x: c.x, perm: c.perm, grads };
          const sizes = { partials: conv2dPartialsFloats(spec) };
          let out = await runProgram(gpu!, first, inputs, sizes, c.step);
          if (chunks > 1) {
            const partials = out.partials!;
            out = await runProgram(gpu!, conv2dWeightReduce(spec), { partials, grads });
          }
          const ref = conv2dGradsRef(c.layer, c.x, c.w, dz, c.order);
          const { weightOffset: wOff, biasOffset: bOff } = c.layer;
          const dw = out.grads!.subarray(wOff, wOff + ref.dw.length);
          // Sums of up to 50,176 products in float32: 1e-4 (still far below a wrong term).
          expect(maxRelError(dw, ref.dw)).toBeLessThan(1e-4);
          if (bOff !== null) {
            const db = out.grads!.subarray(bOff, bOff + ref.db.length);
            expect(maxRelError(db, ref.db)).toBeLessThan(1e-4);
          } else {
            // Nothing past dW is written when there is no bias.
            expect(Number.isNaN(out.grads![wOff + ref.dw.length])).toBe(true);
          }
        });
      }
    }
  }
});
