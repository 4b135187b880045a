import { afterAll, expect, it } from 'vitest';
import type { Histogram, LayerInsides, TrainOptions } from '../backend';
import { createCpuBackend } from '../cpu/backend';
import type { LayerSpec, ModelSpec } from '../model/spec';
import { MT19937 } from '../random';
import { describeWith } from '../testing/needs.node';
import { createWebGpuBackend } from './backend';
import {
  classificationData,
  paramsError,
  randomParams,
  regressionData,
} from './testing/fixtures.node';
import { maxRelError } from './testing/runProgram.node';
import { releaseTestGpu, testGpu } from './testing/testGpu.node';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

/** A random Sequential model and training setup, from `seed`. */
function randomCase(seed: number) {
  const rng = new MT19937(seed);
  const pick = <T>(items: readonly T[]): T => items[rng.nextInt(items.length)]!;
  const classification = rng.nextInt(2) === 0;
  const inputs = pick([3, 8, 13, 20]);
  const outputs = classification ? pick([2, 3, 10]) : pick([1, 2, 5]);
  const layers: LayerSpec[] = [];
  let width = inputs;
  const depth = 1 + rng.nextInt(3);
  for (let l = 0; l < depth; l++) {
    const out = l === depth - 1 ? outputs : pick([4, 7, 16, 33]);
    layers.push({ kind: 'linear', inFeatures: width, outFeatures: out, nodeId: `fc${l}` });
    width = out;
    if (l < depth - 1) {
      const act: LayerSpec = pick<LayerSpec>([
        { kind: 'relu', nodeId: `a${l}` },
        { kind: 'sigmoid', nodeId: `a${l}` },
        { kind: 'tanh', nodeId: `a${l}` },
        { kind: 'leakyRelu', negativeSlope: 0.05, nodeId: `a${l}` },
      ]);
      layers.push(act);
      if (rng.nextInt(3) === 0) layers.push({ kind: 'dropout', p: 0.25, nodeId: `d${l}` });
    }
  }
  if (classification && rng.nextInt(2) === 0) layers.push({ kind: 'softmax', nodeId: 'sm' });
  const model: ModelSpec = { inputShape: [inputs], layers };
  const count = 30 + rng.nextInt(40);
  const data = classification
    ? classificationData(count, [inputs], outputs, seed)
    : regressionData(count, inputs, outputs, seed);
  const options: TrainOptions = {
    loss: classification ? 'cross-entropy' : 'mse',
    optimizer:
      rng.nextInt(2) === 0
        ? { type: 'sgd', lr: 0.05, momentum: pick([0, 0.9]), weightDecay: pick([0, 1e-3]) }
        : {
            type: 'adam',
            lr: 0.01,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            weightDecay: pick([0, 1e-3]),
          },
    batchSize: pick([7, 8, 16, 64]),
    shuffle: rng.nextInt(2) === 0,
    seed: seed + 1,
  };
  return { model, data, options };
}

/**
 * The GPU's histograms against the CPU's: the same ranges to float32 rounding, the same number of
 * values, each bin within 2 (a value on a bin's edge may fall either side), the same dead units.
 */
function expectSameInsides(gpuInsides: LayerInsides[], cpuInsides: LayerInsides[]): void {
  expect(gpuInsides.map((l) => l.layer)).toEqual(cpuInsides.map((l) => l.layer));
  gpuInsides.forEach((g, i) => {
    const c = cpuInsides[i]!;
    if (c.dead === undefined) expect(g.dead).toBeUndefined();
    else expect(g.dead).toBeCloseTo(c.dead, 6);
    for (const key of ['weights', 'outputs'] as const) {
      expect(g[key].min).toBeCloseTo(c[key].min, 4);
      expect(g[key].max).toBeCloseTo(c[key].max, 4);
      const sum = (h: Histogram) => h.counts.reduce((a, b) => a + b, 0);
      expect(sum(g[key])).toBe(sum(c[key]));
      g[key].counts.forEach((n, b) => {
        expect(Math.abs(n - c[key].counts[b]!)).toBeLessThanOrEqual(2);
      });
    }
  });
}

describeWith(need, 'WebGPU against the CPU backend on random models', () => {
  for (let seed = 1; seed <= 8; seed++) {
    it(`case ${seed}: the same parameters after 8 steps, losses and evaluation`, async () => {
      const { model, data, options } = randomCase(seed);
      const params = randomParams(model, seed);
      const cpu = await createCpuBackend().createSession(model, params, data, options);
      const webgpu = await createWebGpuBackend(gpu!).createSession(model, params, data, options);
      for (let done = 0; done < 8; ) {
        const n = await cpu.train(8 - done);
        expect(await webgpu.train(n)).toBe(n);
        done += n;
      }
      expect(webgpu.progress).toEqual(cpu.progress);
      const [a, b] = [await webgpu.readLoss(), await cpu.readLoss()];
      expect(maxRelError(a.batchLosses, b.batchLosses)).toBeLessThan(1e-4);
      expect(a.samples).toBe(b.samples);
      expect(paramsError(await webgpu.getParams(), await cpu.getParams())).toBeLessThan(1e-4);
      const [ea, eb] = [await webgpu.evaluate(data), await cpu.evaluate(data)];
      expect(ea.loss).toBeCloseTo(eb.loss, 4);
      expect(ea.count).toBe(eb.count);
      if (eb.confusionMatrix) expect(ea.confusionMatrix).toEqual(eb.confusionMatrix);
      const [pa, pb] = [await webgpu.predict(data.x, 5), await cpu.predict(data.x, 5)];
      expect(maxRelError(pa, pb)).toBeLessThan(1e-4);
      expectSameInsides(await webgpu.insides(), await cpu.insides());
      webgpu.dispose();
      cpu.dispose();
    });
  }
});

/** A random convolutional model and training setup, from `seed`: every kind the seed picks. */
function convCase(seed: number, kinds: { pool: boolean; batchNorm: boolean }) {
  const rng = new MT19937(seed);
  const pick = <T>(items: readonly T[]): T => items[rng.nextInt(items.length)]!;
  const channels = pick([1, 2]);
  let shape: [number, number, number] = [channels, pick([7, 8, 10]), pick([6, 9])];
  const inputShape = [...shape];
  const layers: LayerSpec[] = [];
  const depth = 1 + rng.nextInt(2);
  let normed = false;
  for (let l = 0; l < depth; l++) {
    const [c, h, w] = shape;
    const outChannels = pick([3, 4, 8]);
    // A second conv only where its 3 x 3 kernel fits the (padded) image.
    const padding = Math.min(h, w) < 3 ? 1 : pick([0, 1]);
    if (Math.min(h, w) + 2 * padding < 3) break;
    const stride = l === 0 ? pick([1, 2]) : 1;
    const k = 3;
    layers.push({
      kind: 'conv2d',
      inChannels: c,
      outChannels,
      kernelSize: k,
      stride,
      padding,
      nodeId: `c${l}`,
    });
    const side = (n: number) => Math.floor((n + 2 * padding - k) / stride) + 1;
    shape = [outChannels, side(h), side(w)];
    if (kinds.batchNorm && rng.nextInt(2) === 0) {
      normed = true;
      layers.push({
        kind: 'batchNorm2d',
        numFeatures: outChannels,
        momentum: 0.1,
        eps: 1e-5,
        nodeId: `b${l}`,
      });
    }
    layers.push(
      pick<LayerSpec>([
        { kind: 'relu', nodeId: `a${l}` },
        { kind: 'tanh', nodeId: `a${l}` },
      ]),
    );
    if (kinds.pool && shape[1] >= 2 && shape[2] >= 2) {
      const mode = pick(['maxPool2d', 'avgPool2d'] as const);
      const size = pick([2, 3].filter((n) => n <= Math.min(shape[1], shape[2])));
      const poolStride = pick([size, 1]);
      layers.push({ kind: mode, kernelSize: size, stride: poolStride, nodeId: `p${l}` });
      const pooled = (n: number) => Math.floor((n - size) / poolStride) + 1;
      shape = [shape[0], pooled(shape[1]), pooled(shape[2])];
    }
  }
  const features = shape[0] * shape[1] * shape[2];
  const classes = pick([2, 3]);
  layers.push({ kind: 'flatten', nodeId: 'f' });
  layers.push({ kind: 'linear', inFeatures: features, outFeatures: classes, nodeId: 'fc' });
  const model: ModelSpec = { inputShape, layers };
  const data = classificationData(20 + rng.nextInt(20), inputShape, classes, seed);
  // A bias right before a batch norm has a gradient of exactly 0, so in float32 only rounding
  // noise, which Adam scales up to steps of about lr: PyTorch's float32 and float64 runs part
  // ways there too (small_cnn.py). Such models train with SGD here.
  const options: TrainOptions = {
    loss: 'cross-entropy',
    optimizer:
      normed || rng.nextInt(2) === 0
        ? { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 }
        : { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    batchSize: pick([5, 8, 16]),
    shuffle: rng.nextInt(2) === 0,
    seed: seed + 1,
  };
  return { model, data, options };
}

describeWith(need, 'WebGPU against the CPU backend on convolutional models', () => {
  for (let seed = 1; seed <= 8; seed++) {
    it(`conv case ${seed}: the same parameters after 6 steps, losses, evaluation, insides`, async () => {
      const { model, data, options } = convCase(seed, { pool: true, batchNorm: true });
      const params = randomParams(model, seed);
      const cpu = await createCpuBackend().createSession(model, params, data, options);
      const webgpu = await createWebGpuBackend(gpu!).createSession(model, params, data, options);
      for (let done = 0; done < 6; ) {
        const n = await cpu.train(6 - done);
        expect(await webgpu.train(n)).toBe(n);
        done += n;
      }
      const [a, b] = [await webgpu.readLoss(), await cpu.readLoss()];
      expect(maxRelError(a.batchLosses, b.batchLosses)).toBeLessThan(1e-4);
      expect(paramsError(await webgpu.getParams(), await cpu.getParams())).toBeLessThan(1e-4);
      const [ea, eb] = [await webgpu.evaluate(data), await cpu.evaluate(data)];
      expect(ea.loss).toBeCloseTo(eb.loss, 4);
      expect(ea.confusionMatrix).toEqual(eb.confusionMatrix);
      const [pa, pb] = [await webgpu.predict(data.x, 5), await cpu.predict(data.x, 5)];
      expect(maxRelError(pa, pb)).toBeLessThan(1e-4);
      expectSameInsides(await webgpu.insides(), await cpu.insides());
      webgpu.dispose();
      cpu.dispose();
    });
  }
});

describeWith(need, 'WebGPU against the CPU backend: schedules and restored parameters', () => {
  it("a conv model with batch norm across epochs of a cosine schedule, then early stopping's restore", async () => {
    // Seed 6: conv, batch norm, ReLU, max pool, Linear, SGD with momentum on batches of 8 of
    // 25 images. The batch norm's running statistics must come back with the weights.
    const { model, data, options } = convCase(6, { pool: true, batchNorm: true });
    expect(model.layers.some((l) => l.kind === 'batchNorm2d')).toBe(true);
    const scheduled: TrainOptions = {
      ...options,
      schedule: { type: 'cosine', tMax: 2, etaMin: 0.001 },
    };
    const params = randomParams(model, 6);
    const cpu = await createCpuBackend().createSession(model, params, data, scheduled);
    const webgpu = await createWebGpuBackend(gpu!).createSession(model, params, data, scheduled);
    const epoch = async () => {
      expect(webgpu.learningRate).toBe(cpu.learningRate);
      await cpu.train(Number.MAX_SAFE_INTEGER);
      await webgpu.train(Number.MAX_SAFE_INTEGER);
    };
    await epoch();
    const kept = await cpu.getParams();
    // Epoch 2 at the trough's rate, epoch 3 back up: the rate comes from the step record.
    await epoch();
    await epoch();
    expect(paramsError(await webgpu.getParams(), await cpu.getParams())).toBeLessThan(1e-4);
    await Promise.all([cpu.setParams(kept), webgpu.setParams(kept)]);
    expect(await cpu.getParams()).toEqual(kept);
    expect(await webgpu.getParams()).toEqual(kept);
    const [ea, eb] = [await webgpu.evaluate(data), await cpu.evaluate(data)];
    expect(ea.loss).toBeCloseTo(eb.loss, 4);
    webgpu.dispose();
    cpu.dispose();
  });
});
