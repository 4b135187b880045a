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
