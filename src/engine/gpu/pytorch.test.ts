import { afterAll, describe, expect, it } from 'vitest';
import type { OptimizerSettings } from '../../shared/project';
import type { TrainOptions } from '../backend';
import crop from '../cpu/fixtures/crop-yields.json';
import { classificationData, regressionData, toParams } from '../cpu/fixtures/datasets';
import population from '../cpu/fixtures/population-profit.json';
import mlps from '../cpu/fixtures/small-mlps.json';
import type { Dataset } from '../data/dataset';
import type { ModelParams, ModelSpec } from '../model/spec';
import { createWebGpuBackend } from './backend';
import { releaseTestGpu, testGpu } from './testing/testGpu.node';

// The lessons' numbers as PyTorch 1.13 computed them: the fixtures the CPU backend's tests use
// (src/engine/cpu/fixtures, made by the scripts named in their `generatedBy`), here on the GPU.

const { gpu, reason } = await testGpu();
afterAll(releaseTestGpu);

function linearModel(inputs: number, outputs: number): ModelSpec {
  return {
    inputShape: [inputs],
    layers: [{ kind: 'linear', inFeatures: inputs, outFeatures: outputs, nodeId: 'fc1' }],
  };
}

/** `epochs` epochs, reading the loss after each as the trainer does. */
async function trainRun(
  model: ModelSpec,
  params: ModelParams,
  data: Dataset,
  options: Partial<TrainOptions> & { optimizer: OptimizerSettings; batchSize: number },
  epochs: number,
) {
  const session = await createWebGpuBackend(gpu!).createSession(model, params, data, {
    loss: 'mse',
    shuffle: false,
    seed: 1,
    ...options,
  });
  const epochLosses: number[] = [];
  const batchLosses: number[] = [];
  for (let e = 0; e < epochs; e++) {
    await session.train(Number.MAX_SAFE_INTEGER);
    const readout = await session.readLoss();
    epochLosses.push(readout.sum / readout.samples);
    batchLosses.push(...readout.batchLosses);
  }
  return { session, epochLosses, batchLosses, params: await session.getParams() };
}

/** |actual[i] - expected[i]| <= tol * max(1, |expected[i]|) for every i. */
function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: number) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    expect(Math.abs(actual[i]! - e)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e)));
  });
}

function expectParamsClose(
  actual: ModelParams,
  expected: readonly { weight: number[][]; bias: number[] }[],
  tol: number,
) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((layer, i) => {
    expectClose(actual[i]!.weight, layer.weight.flat(), tol);
    expectClose(actual[i]!.bias, layer.bias, tol);
  });
}

const sgd = (lr: number): OptimizerSettings => ({ type: 'sgd', lr, momentum: 0, weightDecay: 0 });

describe.skipIf(!gpu)(`the lessons on WebGPU, against PyTorch ${reason}`, () => {
  const cropData = regressionData(crop.x, crop.y);
  const cropStart = toParams([{ weight: crop.weight, bias: crop.bias }]);

  it('crop yields: initial loss 5070.77, PyTorch gradients, and its weights after 101 steps', async () => {
    const model = linearModel(3, 2);
    const probe = await createWebGpuBackend(gpu!).createSession(model, cropStart, cropData, {
      loss: 'mse',
      optimizer: sgd(1),
      batchSize: 5,
      shuffle: false,
      seed: 1,
    });
    const evaluation = await probe.evaluate(cropData);
    expect(Math.abs(evaluation.loss - crop.initial.loss) / crop.initial.loss).toBeLessThan(1e-6);
    expectClose(await probe.predict(cropData.x, 5), crop.initial.predictions.flat(), 1e-6);
    // One SGD step at lr 1 moves every parameter by minus its gradient.
    await probe.train(1);
    const [after] = await probe.getParams();
    crop.initial.gradWeight.flat().forEach((g, i) => {
      const step = cropStart[0]!.weight[i]! - after!.weight[i]!;
      expect(Math.abs(step - g) / Math.abs(g)).toBeLessThan(1e-5);
    });
    probe.dispose();
    const run = await trainRun(
      model,
      cropStart,
      cropData,
      { optimizer: sgd(crop.lr), batchSize: 5 },
      101,
    );
    expectParamsClose(run.params, [crop.after101Steps], 1e-5);
    run.session.dispose();
  });

  it('population-profit: full-batch SGD for 1000 epochs, Adam on batches of 16 for 200', async () => {
    const data = regressionData(population.x, population.y);
    const model = linearModel(1, 1);
    const ref = population.sgd;
    const run = await trainRun(
      model,
      toParams([ref.init]),
      data,
      { optimizer: sgd(ref.lr), batchSize: ref.batchSize },
      ref.epochs,
    );
    expectParamsClose(run.params, [ref.final], 1e-4);
    expect(run.epochLosses.at(-1)).toBeCloseTo(ref.lastEpochLoss, 4);
    run.session.dispose();
    const a = population.adam;
    const optimizer: OptimizerSettings = {
      type: 'adam',
      lr: a.lr,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
    };
    const adamRun = await trainRun(
      model,
      toParams([a.init]),
      data,
      { optimizer, batchSize: a.batchSize },
      a.epochs,
    );
    expectParamsClose(adamRun.params, [a.final], 1e-4);
    expect(adamRun.batchLosses).toHaveLength(7 * 200);
    expect(adamRun.epochLosses.at(-1)).toBeCloseTo(a.lastEpochLoss, 4);
    adamRun.session.dispose();
  });

  const classifier: ModelSpec = {
    inputShape: [4],
    layers: [
      { kind: 'linear', inFeatures: 4, outFeatures: 5, nodeId: 'fc1' },
      { kind: 'relu', nodeId: 'act' },
      { kind: 'linear', inFeatures: 5, outFeatures: 3, nodeId: 'fc2' },
      { kind: 'softmax', nodeId: 'soft' },
    ],
  };
  const regressor: ModelSpec = {
    inputShape: [2, 3],
    layers: [
      { kind: 'flatten', nodeId: 'flat' },
      { kind: 'linear', inFeatures: 6, outFeatures: 5, nodeId: 'fc1' },
      { kind: 'tanh', nodeId: 'a1' },
      { kind: 'linear', inFeatures: 5, outFeatures: 4, nodeId: 'fc2' },
      { kind: 'leakyRelu', negativeSlope: 0.1, nodeId: 'a2' },
      { kind: 'linear', inFeatures: 4, outFeatures: 2, nodeId: 'fc3' },
      { kind: 'sigmoid', nodeId: 'a3' },
    ],
  };
  const cases = [
    [
      'classifier (softmax folded into cross-entropy)',
      classifier,
      mlps.classifier,
      'cross-entropy',
    ],
    ['regressor (Flatten, Tanh, LeakyReLU, Sigmoid, MSE)', regressor, mlps.regressor, 'mse'],
  ] as const;
  for (const [name, model, ref, loss] of cases) {
    const data =
      'labels' in ref
        ? classificationData(ref.x, ref.labels, 3)
        : regressionData(ref.x, ref.y, ref.inputShape);
    for (const optimizerName of ['sgd', 'adam'] as const) {
      it(`${name} with ${optimizerName}: every step's loss, the final weights and outputs`, async () => {
        const run = ref[optimizerName];
        const result = await trainRun(
          model,
          toParams(run.init),
          data,
          { loss, optimizer: run.optimizer as OptimizerSettings, batchSize: run.batchSize },
          run.epochs,
        );
        expectClose(result.batchLosses, run.stepLosses, 1e-5);
        expectParamsClose(result.params, run.final, 1e-5);
        expectClose(await result.session.predict(data.x, data.count), run.outputs.flat(), 1e-5);
        result.session.dispose();
      });
    }
  }
});
