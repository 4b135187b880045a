/**
 * How long each convolutional kernel (src/engine/gpu/programs/conv2d*.ts, pool2d.ts,
 * batchNorm.ts) takes on this machine's adapter for the lesson's CNN at batch 64 (Conv2d 1 -> 8
 * or 16 on 28 x 28, MaxPool2d 2, Conv2d 8 -> 16 on 14 x 14, BatchNorm2d), in the tile and chunk
 * variants a tuner could choose from: GPU timestamps around 10 dispatches, best of 3 rounds
 * (profileKernels), and CPU time (see `time`). Numbers for tuning, not a test: nothing is checked.
 * `npx jiti scripts/conv-speed.ts [--only linear|conv1|conv2|dx|dw|pool|bn|step]` (tsx cannot load the
 * `.node.ts` test modules this uses; VK_ICD_FILENAMES as vitest.config.ts sets it).
 */
import { parseArgs } from 'node:util';
import { BufferPool } from '../src/engine/gpu/bufferPool.ts';
import { profileKernels } from '../src/engine/gpu/profile.ts';
import type { Program } from '../src/engine/gpu/program.ts';
import {
  BATCH_NORM_WORKGROUP,
  batchNormBackward,
  batchNormTrainForward,
} from '../src/engine/gpu/programs/batchNorm.ts';
import { CONV_TILE, type Conv2dLayer, conv2dForward } from '../src/engine/gpu/programs/conv2d.ts';
import {
  CONV_GRAD_TILE,
  conv2dBackwardData,
  conv2dBackwardWeight,
  conv2dGradChunks,
  conv2dWeightReduce,
} from '../src/engine/gpu/programs/conv2dBackward.ts';
import { linearForward } from '../src/engine/gpu/programs/linearForward.ts';
import { pool2dBackward, pool2dForward } from '../src/engine/gpu/programs/pool2d.ts';
import { elementwiseForward } from '../src/engine/gpu/programs/rowOps.ts';
import { packStepRecords } from '../src/engine/gpu/programs/step.ts';
import { DEFAULT_TILE, type Tile } from '../src/engine/gpu/programs/tile.ts';
import { GpuRunner } from '../src/engine/gpu/runner.ts';
import { randomArray } from '../src/engine/gpu/testing/runProgram.node.ts';
import { releaseTestGpu, testGpu } from '../src/engine/gpu/testing/testGpu.node.ts';

const { values } = parseArgs({ options: { only: { type: 'string' } } });

const { gpu, need } = await testGpu();
if (!gpu) {
  console.error(`error: no WebGPU: ${need.missing}`);
  process.exit(2);
}
const { device } = gpu;
const runner = new GpuRunner(device, new BufferPool(device));

// One buffer per binding name, big enough for any of the kernels below (64 x 16 x 28 x 28
// floats, twice), filled with numbers in [0, 1); `perm` and `indices` with small integers.
const FLOATS = 2 * 64 * 16 * 28 * 28;
const buffers = new Map<string, GPUBuffer>();
function bufferFor(name: string): GPUBuffer {
  let buffer = buffers.get(name);
  if (buffer) return buffer;
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
  if (name === 'stepRec') {
    buffer = device.createBuffer({
      size: 256,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(buffer, 0, packStepRecords([{ start: 0, t: 0, lossSlot: 0 }]));
  } else {
    buffer = device.createBuffer({ label: name, size: 4 * FLOATS, usage });
    const data =
      name === 'perm' || name === 'indices'
        ? Uint32Array.from({ length: FLOATS }, (_, i) => (i * 7) % 64)
        : Float32Array.from(randomArray(FLOATS, name.length, 0, 1));
    device.queue.writeBuffer(buffer, 0, data);
  }
  buffers.set(name, buffer);
  return buffer;
}

/**
 * Per kernel: GPU timestamps around 10 dispatches, best of 3 rounds (profileKernels), and the
 * process's CPU time for 10 dispatches waited for, best of 3: SwiftShader runs kernels on this
 * process's threads, so on a machine shared with other work the CPU time varies far less than
 * the elapsed time (on 2 idle cores it is about twice the elapsed).
 */
async function time(programs: readonly Program[]): Promise<void> {
  const bound = await Promise.all(
    programs.map((program) =>
      runner.bind(
        program,
        program.bindings.map((b) =>
          b.dynamicOffset
            ? { buffer: bufferFor(b.name), size: 256 }
            : { buffer: bufferFor(b.name) },
        ),
      ),
    ),
  );
  const { kernels } = await profileKernels(runner, bound, []);
  for (const [i, k] of kernels.entries()) {
    let cpu = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      for (let r = 0; r < 10; r++) runner.dispatch(pass, bound[i]!);
      pass.end();
      const start = process.cpuUsage();
      runner.submit(encoder);
      await device.queue.onSubmittedWorkDone();
      const used = process.cpuUsage(start);
      cpu = Math.min(cpu, (used.user + used.system) / 1e4);
    }
    const [x, y] = programs[i]!.dispatch;
    console.log(
      `  ${k.name.padEnd(40)} ${k.ms.toFixed(2).padStart(8)} ms GPU ${cpu.toFixed(2).padStart(8)} ms CPU  (${x * y} workgroups)`,
    );
  }
}

const layer = (inChannels: number, size: number, outChannels: number): Conv2dLayer => ({
  name: '',
  batch: 64,
  inChannels,
  inHeight: size,
  inWidth: size,
  outChannels,
  kernelSize: 3,
  stride: 1,
  padding: 1,
  weightOffset: 0,
  biasOffset: outChannels * inChannels * 9,
});
const conv1 = layer(1, 28, 16);
const conv1narrow = layer(1, 28, 8);
const conv2 = layer(8, 14, 16);
const tileName = (t: Tile) => `${t.rows}x${t.cols}w${t.workgroup}`;
const FORWARD_TILES: Tile[] = [
  CONV_TILE,
  { rows: 4, cols: 16, workgroup: 64 },
  { rows: 8, cols: 8, workgroup: 64 },
  { rows: 8, cols: 16, workgroup: 64 },
  { rows: 2, cols: 16, workgroup: 64 },
  { rows: 4, cols: 4, workgroup: 64 },
  { rows: 8, cols: 4, workgroup: 64 },
  { rows: 4, cols: 8, workgroup: 16 },
  { rows: 16, cols: 8, workgroup: 64 },
  { rows: 16, cols: 16, workgroup: 64 },
  { rows: 16, cols: 8, workgroup: 16 },
];
const want = (part: string) => values.only === undefined || values.only === part;

if (want('linear')) {
  // For scale: the MLP lesson's first layer, 6.4M multiply-adds as conv1 1 -> 16 has 7.2M.
  console.log('Linear 784 -> 128, batch 64, ReLU (the MLP lesson):');
  const linear = {
    rows: 64,
    inFeatures: 784,
    outFeatures: 128,
    weightOffset: 0,
    biasOffset: 784 * 128,
  };
  await time([
    elementwiseForward({
      name: 'ReLU on 64 x 16 x 28 x 28 (for scale)',
      rows: 64,
      width: 16 * 784,
      seed: 1,
      ops: [{ kind: 'relu' }],
      input: 'buffer',
    }),
    linearForward({
      ...linear,
      name: 'linearForward 8x8',
      input: 'perm',
      ops: [{ kind: 'relu' }],
      writePre: true,
      seed: 1,
      tile: DEFAULT_TILE,
    }),
  ]);
}
if (want('conv1')) {
  for (const [label, l] of [
    ['1 -> 16', conv1],
    ['1 -> 8', conv1narrow],
  ] as const) {
    console.log(`conv1 forward ${label} on 28x28, ReLU, from the dataset:`);
    await time(
      FORWARD_TILES.map((tile) =>
        conv2dForward({
          ...l,
          name: `tile ${tileName(tile)}`,
          input: 'perm',
          ops: [{ kind: 'relu' }],
          writePre: true,
          seed: 1,
          tile,
        }),
      ),
    );
  }
}
if (want('conv2')) {
  console.log('conv2 forward 8 -> 16 on 14x14, ReLU:');
  await time(
    FORWARD_TILES.map((tile) =>
      conv2dForward({
        ...conv2,
        name: `tile ${tileName(tile)}`,
        input: 'buffer',
        ops: [{ kind: 'relu' }],
        writePre: true,
        seed: 1,
        tile,
      }),
    ),
  );
}
if (want('dx')) {
  console.log('conv2 input gradient 16 -> 8 on 14x14, ReLU mask:');
  await time(
    [
      CONV_TILE,
      { rows: 8, cols: 8, workgroup: 64 },
      { rows: 4, cols: 4, workgroup: 64 },
      { rows: 2, cols: 8, workgroup: 64 },
      { rows: 8, cols: 4, workgroup: 64 },
      { rows: 16, cols: 4, workgroup: 64 },
    ].map((tile) =>
      conv2dBackwardData({
        ...conv2,
        name: `tile ${tileName(tile)}`,
        prevOps: [{ kind: 'relu' }],
        seed: 1,
        tile,
      }),
    ),
  );
}
if (want('dw')) {
  for (const [label, l, input] of [
    ['conv1 1 -> 16', conv1, 'perm'],
    ['conv2 8 -> 16', conv2, 'buffer'],
  ] as const) {
    const base = conv2dGradChunks(l);
    console.log(`${label} weight gradient (default ${base} chunks):`);
    const programs: Program[] = [];
    for (const tile of [
      CONV_GRAD_TILE,
      { rows: 8, cols: 4, workgroup: 64 },
      { rows: 16, cols: 4, workgroup: 64 },
      { rows: 8, cols: 8, workgroup: 64 },
      { rows: 16, cols: 12, workgroup: 64 },
      { rows: 4, cols: 8, workgroup: 64 },
    ]) {
      for (const chunks of [Math.max(1, Math.round(base / 4)), base, 4 * base]) {
        programs.push(
          conv2dBackwardWeight({
            ...l,
            name: `tile ${tileName(tile)}, ${chunks} chunks`,
            input,
            chunks,
            tile,
          }),
        );
      }
    }
    programs.push(conv2dWeightReduce({ ...l, name: `reduce ${base} chunks`, chunks: base }));
    await time(programs);
  }
}
if (want('pool')) {
  const pool = { batch: 64, channels: 16, inHeight: 28, inWidth: 28, kernelSize: 2, stride: 2 };
  console.log('MaxPool2d 2 on 16x28x28:');
  await time([
    pool2dForward({ ...pool, name: 'max forward', kind: 'max', input: 'buffer' }),
    pool2dBackward({
      ...pool,
      name: 'max backward, ReLU mask',
      kind: 'max',
      prevOps: [{ kind: 'relu' }],
      seed: 1,
    }),
    pool2dForward({ ...pool, name: 'avg forward', kind: 'avg', input: 'buffer' }),
  ]);
}
if (want('bn')) {
  const norm = {
    name: '',
    batch: 64,
    channels: 16,
    spatial: 28 * 28,
    weightOffset: 0,
    biasOffset: 16,
    eps: 1e-5,
  };
  const state = { runningMeanOffset: 0, runningVarOffset: 16, savedOffset: 0 };
  console.log('BatchNorm2d(16) on 28x28:');
  const programs: Program[] = [];
  for (const workgroup of [BATCH_NORM_WORKGROUP, 128, 256]) {
    programs.push(
      batchNormTrainForward({
        ...norm,
        ...state,
        name: `train forward + ReLU w${workgroup}`,
        momentum: 0.1,
        input: 'buffer',
        ops: [{ kind: 'relu' }],
        writePre: true,
        seed: 1,
        workgroup,
      }),
      batchNormBackward({
        ...norm,
        ...state,
        name: `backward w${workgroup}`,
        input: 'buffer',
        inputGrad: true,
        prevOps: [],
        seed: 1,
        workgroup,
      }),
    );
  }
  await time(programs);
}
if (want('step')) {
  // The lesson's CNN with the default variants, every convolutional kernel of a training step in
  // order: Conv2d(1, 8) + ReLU, MaxPool2d(2), Conv2d(8, 16) + ReLU, MaxPool2d(2), and back.
  const c1 = { ...conv1narrow, name: 'conv1 forward' };
  const c2 = { ...conv2, name: 'conv2 forward' };
  const p1 = { batch: 64, channels: 8, inHeight: 28, inWidth: 28, kernelSize: 2, stride: 2 };
  const p2 = { ...p1, channels: 16, inHeight: 14, inWidth: 14 };
  const relu = [{ kind: 'relu' } as const];
  const chunks1 = conv2dGradChunks(c1);
  const chunks2 = conv2dGradChunks(c2);
  console.log('The lesson CNN at batch 64, default variants, one step (no loss or optimizer):');
  await time([
    conv2dForward({ ...c1, input: 'perm', ops: relu, writePre: true, seed: 1, tile: CONV_TILE }),
    pool2dForward({ ...p1, name: 'pool1 forward', kind: 'max', input: 'buffer' }),
    conv2dForward({ ...c2, input: 'buffer', ops: relu, writePre: true, seed: 1, tile: CONV_TILE }),
    pool2dForward({ ...p2, name: 'pool2 forward', kind: 'max', input: 'buffer' }),
    pool2dBackward({ ...p2, name: 'pool2 backward', kind: 'max', prevOps: relu, seed: 1 }),
    conv2dBackwardWeight({
      ...c2,
      name: 'conv2 weight partials',
      input: 'buffer',
      chunks: chunks2,
      tile: CONV_GRAD_TILE,
    }),
    conv2dWeightReduce({ ...c2, name: 'conv2 weight reduce', chunks: chunks2 }),
    conv2dBackwardData({
      ...c2,
      name: 'conv2 input gradient',
      prevOps: [],
      seed: 1,
      tile: CONV_TILE,
    }),
    pool2dBackward({ ...p1, name: 'pool1 backward', kind: 'max', prevOps: relu, seed: 1 }),
    conv2dBackwardWeight({
      ...c1,
      name: 'conv1 weight partials',
      input: 'perm',
      chunks: chunks1,
      tile: CONV_GRAD_TILE,
    }),
    conv2dWeightReduce({ ...c1, name: 'conv1 weight reduce', chunks: chunks1 }),
  ]);
}
for (const buffer of buffers.values()) buffer.destroy();
releaseTestGpu();
