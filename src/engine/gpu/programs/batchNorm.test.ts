import { afterAll, expect, it } from 'vitest';
import { describeWith } from '../../testing/needs.node';
import { maxRelError, randomArray, runProgram } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import {
  BATCH_NORM_WORKGROUP,
  type BatchNormLayer,
  batchNormBackward,
  batchNormEvalForward,
  batchNormTrainForward,
} from './batchNorm';
import { batchNormRef, type NormShape } from './convReference.node';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

// BatchNorm2d on small odd planes, BatchNorm1d on features (a batch smaller than the workgroup,
// and batch 64 of 128 features), and the lesson's BatchNorm2d after each convolution.
const SHAPES: NormShape[] = [
  { batch: 3, channels: 2, spatial: 35 },
  { batch: 5, channels: 7, spatial: 1 },
  { batch: 64, channels: 128, spatial: 1 },
  { batch: 64, channels: 16, spatial: 28 * 28 },
  { batch: 64, channels: 8, spatial: 14 * 14 },
];

const label = (s: NormShape) => `batch ${s.batch}, ${s.channels} channels of ${s.spatial}`;

/**
 * A layer's case: weight and bias at floats 4 and 4 + C (rounded up to 4) of params; running
 * statistics at 2 and 2 + C of bnState, saved statistics at 8 of bnSaved. x is off centre
 * (values in [2, 4]) so that a one-pass variance would lose digits; 2 x batch samples so that
 * the batch can be picked through a permutation.
 */
function normCase(shape: NormShape) {
  const C = shape.channels;
  const wOff = 4;
  const bOff = wOff + Math.ceil(C / 4) * 4;
  const layer: BatchNormLayer = {
    ...shape,
    name: 'bn',
    weightOffset: wOff,
    biasOffset: bOff,
    eps: 1e-5,
  };
  const weight = randomArray(C, 3, 0.5, 1.5);
  const bias = randomArray(C, 4, -0.5, 0.5);
  const params = new Float32Array(bOff + C + 4);
  params.set(weight, wOff);
  params.set(bias, bOff);
  const runningMean = randomArray(C, 5);
  const runningVar = randomArray(C, 6, 0.5, 2);
  const bnState = new Float32Array(2 + 2 * C + 2);
  bnState.set(runningMean, 2);
  bnState.set(runningVar, 2 + C);
  const n = shape.batch * C * shape.spatial;
  const x = randomArray(2 * n, C + shape.spatial, 2, 4);
  const order = Array.from({ length: shape.batch }, (_, r) => (r * 3 + 1) % (2 * shape.batch));
  const batch = new Float32Array(n);
  const sample = C * shape.spatial;
  order.forEach((src, r) => {
    batch.set(x.subarray(src * sample, (src + 1) * sample), r * sample);
  });
  return {
    layer,
    state: { runningMeanOffset: 2, runningVarOffset: 2 + C, savedOffset: 8 },
    weight,
    bias,
    params,
    runningMean,
    runningVar,
    bnState,
    x,
    batch,
    perm: new Uint32Array([5, 5, ...order]),
    step: { start: 2, t: 0, lossSlot: 0 },
    n,
  };
}

// Float32 sums of up to 50,176 values (each invocation sums 1/64th in order, then the 64 partials)
// against float64: relative errors of a few 1e-6 in the statistics, below 1e-5 in what follows.
const TOLERANCE = 2e-5;

describeWith(need, 'batch norm kernels on the GPU', () => {
  for (const shape of SHAPES) {
    for (const workgroup of [BATCH_NORM_WORKGROUP, 16]) {
      const tag = `${label(shape)}, workgroup ${workgroup}`;

      it(`training forward through a permutation with ReLU: ${tag}`, async () => {
        const c = normCase(shape);
        const C = shape.channels;
        const momentum = 0.1;
        const program = batchNormTrainForward({
          ...c.layer,
          ...c.state,
          momentum,
          input: 'perm',
          ops: [{ kind: 'relu' }],
          writePre: true,
          seed: 1,
          workgroup,
        });
        const inputs = { x: c.x, perm: c.perm, params: c.params, bnState: c.bnState };
        const sizes = { bnSaved: 8 + 2 * C, pre: c.n, out: c.n };
        const out = await runProgram(gpu!, program, inputs, sizes, c.step);
        const ref = batchNormRef(shape, c.batch, c.weight, c.bias, new Float32Array(c.n), 1e-5);
        expect(maxRelError(out.pre!, ref.y)).toBeLessThan(TOLERANCE);
        expect(
          maxRelError(
            out.out!,
            ref.y.map((v) => Math.max(v, 0)),
          ),
        ).toBeLessThan(TOLERANCE);
        const saved = out.bnSaved!;
        expect(maxRelError(saved.subarray(8, 8 + C), ref.mean)).toBeLessThan(TOLERANCE);
        const invstd = ref.variance.map((v) => 1 / Math.sqrt(v + 1e-5));
        expect(maxRelError(saved.subarray(8 + C, 8 + 2 * C), invstd)).toBeLessThan(TOLERANCE);
        // running = 0.9 running + 0.1 statistic, with the unbiased variance.
        const m = shape.batch * shape.spatial;
        const mean = c.runningMean.map((r, i) => (1 - momentum) * r + momentum * ref.mean[i]!);
        const variance = c.runningVar.map(
          (r, i) => (1 - momentum) * r + (momentum * ref.variance[i]! * m) / (m - 1),
        );
        const state = out.bnState!;
        expect(maxRelError(state.subarray(2, 2 + C), mean)).toBeLessThan(TOLERANCE);
        expect(maxRelError(state.subarray(2 + C, 2 + 2 * C), variance)).toBeLessThan(TOLERANCE);
      });

      it(`backward with the ReLU mask before it: ${tag}`, async () => {
        const c = normCase(shape);
        const C = shape.channels;
        const dy = randomArray(c.n, 9);
        const pre = randomArray(c.n, 10);
        const ref = batchNormRef(shape, c.batch, c.weight, c.bias, dy, 1e-5);
        const bnSaved = new Float32Array(8 + 2 * C);
        bnSaved.set(ref.mean, 8);
        bnSaved.set(
          ref.variance.map((v) => 1 / Math.sqrt(v + 1e-5)),
          8 + C,
        );
        const program = batchNormBackward({
          ...c.layer,
          ...c.state,
          input: 'perm',
          inputGrad: true,
          prevOps: [{ kind: 'relu' }],
          seed: 1,
          workgroup,
        });
        const grads = new Float32Array(c.params.length).fill(Number.NaN);
        const inputs = { dy, x: c.x, perm: c.perm, params: c.params, bnSaved, pre, grads };
        const out = await runProgram(gpu!, program, inputs, { dx: c.n }, c.step);
        const { weightOffset: wOff, biasOffset: bOff } = c.layer;
        expect(maxRelError(out.grads!.subarray(wOff, wOff + C), ref.dweight)).toBeLessThan(
          TOLERANCE,
        );
        expect(maxRelError(out.grads!.subarray(bOff, bOff + C), ref.dbias)).toBeLessThan(TOLERANCE);
        const dx = ref.dx.map((v, i) => (pre[i]! > 0 ? v : 0));
        expect(maxRelError(out.dx!, dx)).toBeLessThan(TOLERANCE);
      });
    }

    it(`evaluation forward from a buffer: ${label(shape)}`, async () => {
      const c = normCase(shape);
      const program = batchNormEvalForward({
        ...c.layer,
        ...c.state,
        input: 'buffer',
        ops: [],
        writePre: false,
        seed: 1,
      });
      const inputs = { x: c.batch, params: c.params, bnState: c.bnState };
      const out = await runProgram(gpu!, program, inputs, { out: c.n });
      const { channels: C, spatial: L } = shape;
      const want = Float64Array.from(c.batch, (v, i) => {
        const ch = Math.floor(i / L) % C;
        const xhat = (v - c.runningMean[ch]!) / Math.sqrt(c.runningVar[ch]! + 1e-5);
        return c.weight[ch]! * xhat + c.bias[ch]!;
      });
      expect(maxRelError(out.out!, want)).toBeLessThan(1e-6);
    });
  }
});
