import { afterAll, expect, it } from 'vitest';
import type { TrainOptions } from '../backend';
import type { Dataset } from '../data/dataset';
import type { ModelSpec } from '../model/spec';
import { describeWith } from '../testing/needs.node';
import { createWebGpuBackend } from './backend';
import {
  classificationData,
  paramsError,
  randomParams,
  regressionData,
} from './testing/fixtures.node';
import { referencePredict, referenceTrain, toParams64 } from './testing/reference.node';
import { maxRelError } from './testing/runProgram.node';
import { releaseTestGpu, testGpu } from './testing/testGpu.node';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

/** Trains `steps` steps on the GPU (across epochs) and against the float64 reference. */
async function compare(model: ModelSpec, data: Dataset, options: TrainOptions, steps: number) {
  const params = randomParams(model, 5);
  const backend = createWebGpuBackend(gpu!);
  const session = await backend.createSession(model, params, data, options);
  let done = 0;
  while (done < steps) done += await session.train(steps - done);
  const losses = await session.readLoss();
  const trained = await session.getParams();
  const ref = referenceTrain(model, params, data, options, steps);
  return { session, losses, trained, ref };
}

const sgd = (lr: number, momentum = 0, weightDecay = 0) =>
  ({ type: 'sgd', lr, momentum, weightDecay }) as const;
const adam = (lr: number, weightDecay = 0) =>
  ({ type: 'adam', lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay }) as const;

describeWith(need, 'WebGPU training session', () => {
  it('matches the float64 reference: MSE, SGD with momentum and weight decay, last batch smaller', async () => {
    const model: ModelSpec = {
      inputShape: [3],
      layers: [
        { kind: 'linear', inFeatures: 3, outFeatures: 6, nodeId: 'a' },
        { kind: 'sigmoid', nodeId: 's' },
        { kind: 'linear', inFeatures: 6, outFeatures: 5, nodeId: 'b' },
        { kind: 'tanh', nodeId: 't' },
        { kind: 'linear', inFeatures: 5, outFeatures: 2, nodeId: 'c' },
      ],
    };
    const data = regressionData(23, 3, 2, 1);
    const options: TrainOptions = {
      loss: 'mse',
      optimizer: sgd(0.1, 0.9, 0.01),
      batchSize: 5,
      shuffle: false,
      seed: 3,
    };
    // 5 steps an epoch (the fifth has 3 rows): 12 steps cross two epoch ends.
    const { session, losses, trained, ref } = await compare(model, data, options, 12);
    expect(session.progress).toEqual({ epoch: 2, step: 2, stepsPerEpoch: 5 });
    expect(losses.batchLosses.length).toBe(12);
    expect(maxRelError(losses.batchLosses, ref.losses)).toBeLessThan(1e-5);
    expect(losses.samples).toBe(23 * 2 + 10);
    expect(paramsError(trained, ref.params)).toBeLessThan(1e-4);
    session.dispose();
  });

  it('matches the reference: cross-entropy with a folded Softmax, Adam, shuffled batches', async () => {
    const model: ModelSpec = {
      inputShape: [4, 5],
      layers: [
        { kind: 'flatten', nodeId: 'f' },
        { kind: 'linear', inFeatures: 20, outFeatures: 16, nodeId: 'a' },
        { kind: 'leakyRelu', negativeSlope: 0.1, nodeId: 'l' },
        { kind: 'linear', inFeatures: 16, outFeatures: 8, nodeId: 'b' },
        { kind: 'relu', nodeId: 'r' },
        { kind: 'linear', inFeatures: 8, outFeatures: 4, nodeId: 'c' },
        { kind: 'softmax', nodeId: 'sm' },
      ],
    };
    const data = classificationData(50, [4, 5], 4, 2);
    const options: TrainOptions = {
      loss: 'cross-entropy',
      optimizer: adam(0.01, 0.001),
      batchSize: 16,
      shuffle: true,
      seed: 7,
    };
    const { session, losses, trained, ref } = await compare(model, data, options, 10);
    expect(maxRelError(losses.batchLosses, ref.losses)).toBeLessThan(1e-5);
    expect(paramsError(trained, ref.params)).toBeLessThan(1e-4);
    // predict() keeps the Softmax: probabilities.
    const probs = await session.predict(data.x, data.count);
    const refProbs = referencePredict(model, toParams64(trained), data.x, data.count);
    expect(maxRelError(probs, refProbs)).toBeLessThan(1e-5);
    expect(probs.slice(0, 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    session.dispose();
  });

  it('matches the reference with dropout, and a Softmax inside the model under MSE', async () => {
    const model: ModelSpec = {
      inputShape: [6],
      layers: [
        { kind: 'linear', inFeatures: 6, outFeatures: 12, nodeId: 'a' },
        { kind: 'relu', nodeId: 'r' },
        { kind: 'dropout', p: 0.3, nodeId: 'd' },
        { kind: 'linear', inFeatures: 12, outFeatures: 5, nodeId: 'b' },
        { kind: 'softmax', nodeId: 's' },
        { kind: 'tanh', nodeId: 't' },
        { kind: 'linear', inFeatures: 5, outFeatures: 3, nodeId: 'c' },
      ],
    };
    const data = regressionData(40, 6, 3, 4);
    const options: TrainOptions = {
      loss: 'mse',
      optimizer: sgd(0.5),
      batchSize: 8,
      shuffle: true,
      seed: 11,
    };
    const { session, losses, trained, ref } = await compare(model, data, options, 9);
    expect(maxRelError(losses.batchLosses, ref.losses)).toBeLessThan(1e-5);
    expect(paramsError(trained, ref.params)).toBeLessThan(1e-4);
    session.dispose();
  });

  it('evaluates loss, accuracy and the confusion matrix with one readback', async () => {
    const model: ModelSpec = {
      inputShape: [10],
      layers: [
        { kind: 'linear', inFeatures: 10, outFeatures: 3, nodeId: 'a' },
        { kind: 'softmax', nodeId: 's' },
      ],
    };
    const data = classificationData(1500, [10], 3, 9);
    const params = randomParams(model, 3);
    const options: TrainOptions = {
      loss: 'cross-entropy',
      optimizer: sgd(0.1),
      batchSize: 32,
      shuffle: false,
      seed: 1,
    };
    const session = await createWebGpuBackend(gpu!).createSession(model, params, data, options);
    const before = (session as unknown as { stats: { readbacks: number } }).stats.readbacks;
    const result = await session.evaluate(data);
    expect((session as unknown as { stats: { readbacks: number } }).stats.readbacks).toBe(
      before + 1,
    );
    const probs = referencePredict(model, toParams64(params), data.x, data.count);
    const matrix = [0, 1, 2].map(() => [0, 0, 0]);
    let loss = 0;
    if (data.targets.task !== 'classification') throw new Error('classification data');
    for (let r = 0; r < data.count; r++) {
      const row = Array.from(probs.subarray(r * 3, r * 3 + 3));
      const label = data.targets.labels[r]!;
      matrix[label]![row.indexOf(Math.max(...row))]!++;
      loss -= Math.log(row[label]!);
    }
    expect(result.count).toBe(1500);
    expect(result.confusionMatrix).toEqual(matrix);
    expect(result.accuracy).toBeCloseTo(
      (matrix[0]![0]! + matrix[1]![1]! + matrix[2]![2]!) / 1500,
      10,
    );
    expect(result.loss).toBeCloseTo(loss / 1500, 5);
    session.dispose();
  });

  it('runs 784-128-10 in 7 dispatches a step, 64 steps a submit, no readback while training', async () => {
    const model: ModelSpec = {
      inputShape: [28, 28],
      layers: [
        { kind: 'flatten', nodeId: 'f' },
        { kind: 'linear', inFeatures: 784, outFeatures: 128, nodeId: 'a' },
        { kind: 'relu', nodeId: 'r' },
        { kind: 'linear', inFeatures: 128, outFeatures: 10, nodeId: 'b' },
      ],
    };
    const data = classificationData(64 * 64, [28, 28], 10, 5);
    const options: TrainOptions = {
      loss: 'cross-entropy',
      optimizer: sgd(0.05),
      batchSize: 64,
      shuffle: true,
      seed: 1,
    };
    const session = await createWebGpuBackend(gpu!).createSession(
      model,
      randomParams(model, 1),
      data,
      options,
    );
    await session.train(64);
    const stats = (session as unknown as { stats: Record<string, number> }).stats;
    expect(stats).toMatchObject({ steps: 64, dispatches: 64 * 7, submits: 1, readbacks: 0 });
    const losses = await session.readLoss();
    expect(losses.batchLosses.every(Number.isFinite)).toBe(true);
    session.dispose();
  });
});
