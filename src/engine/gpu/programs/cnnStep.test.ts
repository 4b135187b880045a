import { afterAll, expect, it } from 'vitest';
import { describeWith } from '../../testing/needs.node';
import { BufferPool } from '../bufferPool';
import type { Program } from '../program';
import { GpuRunner } from '../runner';
import { maxRelError, randomArray } from '../testing/runProgram.node';
import { releaseTestGpu, testGpu } from '../testing/testGpu.node';
import { batchNormBackward, batchNormTrainForward } from './batchNorm';
import { CONV_TILE, type Conv2dLayer, conv2dForward } from './conv2d';
import {
  CONV_GRAD_TILE,
  conv2dBackwardData,
  conv2dBackwardWeight,
  conv2dGradChunks,
  conv2dPartialsFloats,
  conv2dWeightReduce,
} from './conv2dBackward';
import { batchNormRef, conv2dGradsRef, conv2dRef, pool2dRef } from './convReference.node';
import { pool2dBackward, pool2dForward } from './pool2d';
import { packStepRecords, STEP_RECORD_BYTES } from './step';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

/**
 * The lesson's CNN, one training step's kernels in one compute pass of one command buffer, wired
 * as a session would wire them: Conv2d(1, 8, 3, padding 1) + ReLU on dataset rows picked through
 * the epoch's permutation, MaxPool2d(2), Conv2d(8, 16, 3, padding 1), BatchNorm2d(16) + ReLU,
 * AvgPool2d(2); then, from a given gradient at the output, each stage's backward with the
 * derivative of the fused layers applied by the kernel below it (prevOps), down to conv1's
 * weight gradient. Checked against float64 references chained alike.
 */
const N = 4;
const conv1: Conv2dLayer = {
  name: 'conv1',
  batch: N,
  inChannels: 1,
  inHeight: 28,
  inWidth: 28,
  outChannels: 8,
  kernelSize: 3,
  stride: 1,
  padding: 1,
  weightOffset: 0,
  biasOffset: 72,
};
const conv2: Conv2dLayer = {
  ...conv1,
  name: 'conv2',
  inChannels: 8,
  inHeight: 14,
  inWidth: 14,
  outChannels: 16,
  weightOffset: 80,
  biasOffset: 1232,
};
const bn = {
  name: 'bn',
  batch: N,
  channels: 16,
  spatial: 196,
  weightOffset: 1248,
  biasOffset: 1264,
  eps: 1e-5,
};
const bnState = { runningMeanOffset: 0, runningVarOffset: 16, savedOffset: 0 };
const pool1 = { batch: N, channels: 8, inHeight: 28, inWidth: 28, kernelSize: 2, stride: 2 };
const pool2 = { batch: N, channels: 16, inHeight: 14, inWidth: 14, kernelSize: 2, stride: 2 };
const relu = [{ kind: 'relu' } as const];

describeWith(need, 'a CNN training step on the GPU', () => {
  it('forward and backward of the lesson CNN in one command buffer match float64', async () => {
    const { device } = gpu!;
    const runner = new GpuRunner(device, new BufferPool(device));
    const params = new Float32Array(1280);
    params.set(randomArray(72, 1, -1 / 3, 1 / 3), 0);
    params.set(randomArray(8, 2, -1 / 3, 1 / 3), 72);
    params.set(randomArray(1152, 3, -0.12, 0.12), 80);
    params.set(randomArray(16, 4, -0.12, 0.12), 1232);
    params.set(randomArray(16, 5, 0.5, 1.5), 1248);
    params.set(randomArray(16, 6, -0.5, 0.5), 1264);
    const x = randomArray(2 * N * 784, 7, 0, 1);
    const order = [5, 0, 7, 2];
    const dOut = randomArray(N * 16 * 49, 8);
    const chunks1 = conv2dGradChunks(conv1);
    const chunks2 = conv2dGradChunks(conv2);
    const sizes: Record<string, number> = {
      params: params.length,
      grads: params.length,
      bnState: 32,
      bnSaved: 32,
      pre1: N * 8 * 784,
      out1: N * 8 * 784,
      pool1: N * 8 * 196,
      indices1: N * 8 * 196,
      out2: N * 16 * 196,
      preBn: N * 16 * 196,
      outBn: N * 16 * 196,
      out: N * 16 * 49,
      dOut: dOut.length,
      dBn: N * 16 * 196,
      dConv2: N * 16 * 196,
      dPool1: N * 8 * 196,
      dConv1: N * 8 * 784,
      partials1: conv2dPartialsFloats({ ...conv1, chunks: chunks1 }),
      partials2: conv2dPartialsFloats({ ...conv2, chunks: chunks2 }),
      x: x.length,
      perm: 2 + N,
    };
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    const buffers = new Map<string, GPUBuffer>();
    for (const [name, floats] of Object.entries(sizes)) {
      buffers.set(name, device.createBuffer({ label: name, size: 4 * floats, usage }));
    }
    const write = (name: string, data: Float32Array | Uint32Array) => {
      device.queue.writeBuffer(buffers.get(name)!, 0, data as Float32Array<ArrayBuffer>);
    };
    write('params', params);
    write('x', x);
    write('perm', new Uint32Array([9, 9, ...order]));
    write('dOut', dOut);
    const running = new Float32Array(32);
    running.fill(1, 16);
    write('bnState', running);
    const stepRec = device.createBuffer({
      size: STEP_RECORD_BYTES,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(stepRec, 0, packStepRecords([{ start: 2, t: 0, lossSlot: 0 }]));

    // Each program with the buffers for its binding names (the rest by their own names).
    const steps: [Program, Record<string, string>][] = [
      [
        conv2dForward({
          ...conv1,
          input: 'perm',
          ops: relu,
          writePre: true,
          seed: 1,
          tile: CONV_TILE,
        }),
        { pre: 'pre1', out: 'out1' },
      ],
      [
        pool2dForward({ ...pool1, name: 'pool1', kind: 'max', input: 'buffer' }),
        { x: 'out1', out: 'pool1', indices: 'indices1' },
      ],
      [
        conv2dForward({
          ...conv2,
          input: 'buffer',
          ops: [],
          writePre: false,
          seed: 1,
          tile: CONV_TILE,
        }),
        { x: 'pool1', out: 'out2' },
      ],
      [
        batchNormTrainForward({
          ...bn,
          ...bnState,
          momentum: 0.1,
          input: 'buffer',
          ops: relu,
          writePre: true,
          seed: 1,
          workgroup: 64,
        }),
        { x: 'out2', pre: 'preBn', out: 'outBn' },
      ],
      [
        pool2dForward({ ...pool2, name: 'pool2', kind: 'avg', input: 'buffer' }),
        { x: 'outBn', out: 'out' },
      ],
      // Backward: the average pool's dx is BatchNorm's dz (times ReLU's derivative at its pre).
      [
        pool2dBackward({ ...pool2, name: 'pool2 dx', kind: 'avg', prevOps: relu, seed: 1 }),
        { dy: 'dOut', pre: 'preBn', dx: 'dBn' },
      ],
      [
        batchNormBackward({
          ...bn,
          ...bnState,
          input: 'buffer',
          inputGrad: true,
          prevOps: [],
          seed: 1,
          workgroup: 64,
        }),
        { dy: 'dBn', x: 'out2', dx: 'dConv2' },
      ],
      [
        conv2dBackwardWeight({ ...conv2, input: 'buffer', chunks: chunks2, tile: CONV_GRAD_TILE }),
        { dz: 'dConv2', x: 'pool1', partials: 'partials2' },
      ],
      [conv2dWeightReduce({ ...conv2, chunks: chunks2 }), { partials: 'partials2' }],
      [
        conv2dBackwardData({ ...conv2, prevOps: [], seed: 1, tile: CONV_TILE }),
        { dz: 'dConv2', dx: 'dPool1' },
      ],
      [
        pool2dBackward({ ...pool1, name: 'pool1 dx', kind: 'max', prevOps: relu, seed: 1 }),
        { dy: 'dPool1', indices: 'indices1', pre: 'pre1', dx: 'dConv1' },
      ],
      [
        conv2dBackwardWeight({ ...conv1, input: 'perm', chunks: chunks1, tile: CONV_GRAD_TILE }),
        { dz: 'dConv1', partials: 'partials1' },
      ],
      [conv2dWeightReduce({ ...conv1, chunks: chunks1 }), { partials: 'partials1' }],
    ];
    const bound = await Promise.all(
      steps.map(([program, names]) =>
        runner.bind(
          program,
          program.bindings.map((b) =>
            b.dynamicOffset
              ? { buffer: stepRec, size: STEP_RECORD_BYTES }
              : { buffer: buffers.get(names[b.name] ?? b.name)! },
          ),
        ),
      ),
    );
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    for (const b of bound) runner.dispatch(pass, b);
    pass.end();
    runner.submit(encoder);
    const names = ['out', 'grads', 'bnState', 'dConv1'];
    const read = await runner.read(
      names.map((name) => ({ buffer: buffers.get(name)!, offset: 0, size: 4 * sizes[name]! })),
    );
    const [out, grads, state, dConv1] = read.map((bytes) => new Float32Array(bytes));
    expect(runner.stats.submits).toBe(2); // the step, then the one readback
    for (const buffer of buffers.values()) buffer.destroy();
    stepRec.destroy();

    // Float64, layer by layer.
    const w1 = params.subarray(0, 72);
    const w2 = params.subarray(80, 1232);
    const pre1 = conv2dRef(conv1, x, w1, params.subarray(72, 80), order);
    const out1 = pre1.map((v) => Math.max(v, 0));
    const p1 = pool2dRef(pool1, 'max', out1, new Float64Array(N * 8 * 196));
    const out2 = conv2dRef(conv2, p1.out, w2, params.subarray(1232, 1248));
    const weight = params.subarray(1248, 1264);
    const bias = params.subarray(1264, 1280);
    const norm0 = batchNormRef(bn, out2, weight, bias, new Float64Array(out2.length), 1e-5);
    const outBn = norm0.y.map((v) => Math.max(v, 0));
    const p2 = pool2dRef(pool2, 'avg', outBn, dOut);
    expect(maxRelError(out!, p2.out)).toBeLessThan(1e-5);

    const dBn = p2.dx.map((g, i) => (norm0.y[i]! > 0 ? g : 0));
    const norm = batchNormRef(bn, out2, weight, bias, dBn, 1e-5);
    const g2 = conv2dGradsRef(conv2, p1.out, w2, norm.dx);
    const p1back = pool2dRef(pool1, 'max', out1, g2.dx);
    const dz1 = p1back.dx.map((g, i) => (pre1[i]! > 0 ? g : 0));
    const g1 = conv2dGradsRef(conv1, x, w1, dz1, order);
    // Float32 through five layers and back: each stage's rounding is below 1e-6 of its typical
    // size; the chain and the sums over the batch (BatchNorm's dx subtracts two of them) leave
    // the gradients within 1e-4.
    expect(maxRelError(dConv1!, dz1)).toBeLessThan(1e-4);
    expect(maxRelError(grads!.subarray(0, 72), g1.dw)).toBeLessThan(1e-4);
    expect(maxRelError(grads!.subarray(72, 80), g1.db)).toBeLessThan(1e-4);
    expect(maxRelError(grads!.subarray(80, 1232), g2.dw)).toBeLessThan(1e-4);
    // conv2's bias gradient is 0 up to rounding: BatchNorm's dx sums to 0 over each channel
    // (the batch mean absorbs any bias), so it is checked against the size of dW's entries.
    const dwSize = Math.max(...g2.dw.map(Math.abs));
    const dbError = Math.max(...g2.db.map((v, i) => Math.abs(grads![1232 + i]! - v)));
    expect(dbError).toBeLessThan(1e-5 * dwSize);
    expect(maxRelError(grads!.subarray(1248, 1264), norm.dweight)).toBeLessThan(1e-4);
    expect(maxRelError(grads!.subarray(1264, 1280), norm.dbias)).toBeLessThan(1e-4);
    const n = N * 196;
    const runningMean = norm.mean.map((m) => 0.1 * m);
    const runningVar = norm.variance.map((v) => 0.9 + (0.1 * v * n) / (n - 1));
    expect(maxRelError(state!.subarray(0, 16), runningMean)).toBeLessThan(1e-5);
    expect(maxRelError(state!.subarray(16, 32), runningVar)).toBeLessThan(1e-5);
  });
});
