/**
 * How fast the WebGPU backend trains 784-128-10 (ReLU, cross-entropy) in Node on this machine's
 * adapter (SwiftShader here): samples per second after a warm-up, what a step asks of the GPU,
 * the kernel variants the tuner chose, and with --profile the time of each kernel.
 * `npx tsx scripts/gpu-speed.ts [--batch 64] [--adam] [--steps 300] [--profile]`
 */
import { parseArgs } from 'node:util';
import type { TrainOptions } from '../src/engine/backend.ts';
import type { Dataset } from '../src/engine/data/dataset.ts';
import { createWebGpuBackend } from '../src/engine/gpu/backend.ts';
import type { GpuTrainingSession, SessionStats } from '../src/engine/gpu/session.ts';
import { releaseTestGpu, testGpu } from '../src/engine/gpu/testing/testGpu.node.ts';
import type { ModelSpec } from '../src/engine/model/spec.ts';
import { MT19937 } from '../src/engine/random.ts';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '64' },
    steps: { type: 'string', default: '300' },
    adam: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const batch = Number(values.batch);
const steps = Number(values.steps);

const model: ModelSpec = {
  inputShape: [28, 28],
  layers: [
    { kind: 'flatten', nodeId: 'flatten' },
    { kind: 'linear', inFeatures: 784, outFeatures: 128, nodeId: 'fc1' },
    { kind: 'relu', nodeId: 'relu' },
    { kind: 'linear', inFeatures: 128, outFeatures: 10, nodeId: 'fc2' },
  ],
};

const rng = new MT19937(1);
const count = batch * 100;
const data: Dataset = {
  name: 'fashion-mnist-shaped random',
  count,
  sampleShape: [28, 28],
  x: Float32Array.from({ length: count * 784 }, () => rng.nextFloat24()),
  targets: {
    task: 'classification',
    labels: Int32Array.from({ length: count }, () => rng.nextInt(10)),
    classes: Array.from({ length: 10 }, (_, i) => String(i)),
  },
  featureNames: [],
};
const uniform = (n: number, bound: number) =>
  Float32Array.from({ length: n }, () => (2 * rng.nextFloat24() - 1) * bound);
const params = [
  { weight: uniform(128 * 784, 1 / 28), bias: uniform(128, 1 / 28) },
  { weight: uniform(10 * 128, 1 / Math.sqrt(128)), bias: uniform(10, 1 / Math.sqrt(128)) },
];
const options: TrainOptions = {
  loss: 'cross-entropy',
  optimizer: values.adam
    ? { type: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }
    : { type: 'sgd', lr: 0.01, momentum: 0, weightDecay: 0 },
  batchSize: batch,
  shuffle: true,
  seed: 1,
};

const { gpu, need } = await testGpu();
if (!gpu) {
  console.error(`error: no WebGPU: ${need.missing}`);
  process.exit(2);
}
const created = performance.now();
const backend = createWebGpuBackend(gpu);
const session = (await backend.createSession(model, params, data, options)) as GpuTrainingSession;
console.log(
  `adapter ${gpu.label}; session ready in ${(performance.now() - created).toFixed(0)} ms`,
);
for (const { key, id, ms } of backend.tuning.tuner.log) {
  console.log(`  tuned ${key}: ${id} ${ms.toFixed(2)} ms`);
}

async function run(n: number): Promise<void> {
  for (let done = 0; done < n; ) done += await session.train(n - done);
  await session.readLoss();
}

await run(20);
const before: SessionStats = { ...session.stats };
const start = performance.now();
await run(steps);
const seconds = (performance.now() - start) / 1000;
const after = session.stats;
const per = (key: keyof SessionStats) => ((after[key] - before[key]) / steps).toFixed(3);
console.log(
  `784-128-10, batch ${batch}, ${options.optimizer.type}: ${((steps * batch) / seconds).toFixed(0)} samples/s ` +
    `(${((1000 * seconds) / steps).toFixed(2)} ms a step, ${((0.41e-3 * steps * batch) / seconds).toFixed(2)} GFLOP/s by the 4P rule)`,
);
console.log(
  `dispatches/step ${per('dispatches')}, submits/step ${per('submits')}, readbacks ${after.readbacks - before.readbacks} in ${steps} steps`,
);
if (values.profile) {
  const { method, kernels } = await session.profile();
  console.log(`time per kernel (${method}):`);
  for (const k of kernels) console.log(`  ${k.name.padEnd(34)} ${k.ms.toFixed(3)} ms`);
}
session.dispose();
releaseTestGpu();
