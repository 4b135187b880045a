import { afterAll, expect, it } from 'vitest';
import type { TrainOptions } from '../backend';
import type { ModelSpec } from '../model/spec';
import { describeWith } from '../testing/needs.node';
import { createWebGpuBackend } from './backend';
import { hasQuadSubgroups } from './device';
import type { GpuTrainingSession } from './session';
import { classificationData, paramsError, randomParams } from './testing/fixtures.node';
import { referenceTrain } from './testing/reference.node';
import { maxRelError } from './testing/runProgram.node';
import { releaseTestGpu, testGpu } from './testing/testGpu.node';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

// Big enough for the tuner (32 x 256 x 128 multiply-adds in the first Linear), with a smaller
// last batch (70 = 2 x 32 + 6) that reuses the full batch's variants.
const model: ModelSpec = {
  inputShape: [256],
  layers: [
    { kind: 'linear', inFeatures: 256, outFeatures: 128, nodeId: 'a' },
    { kind: 'relu', nodeId: 'r' },
    { kind: 'linear', inFeatures: 128, outFeatures: 8, nodeId: 'b' },
  ],
};
const data = classificationData(70, [256], 8, 3);

describeWith(need, 'WebGPU training with tuned kernels', () => {
  it('matches the float64 reference with the variants the tuner chose (Adam, shuffled)', async () => {
    const params = randomParams(model, 4);
    // eps 1e-6, not 1e-8: Adam moves a weight by lr * g / (|g| + eps), and a weight whose
    // gradient is near eps (one here is 2.4e-9) turns float32's rounding of that gradient into
    // a percent of a step against the float64 reference. The kernels' arithmetic is what is
    // checked, so the weights are compared in absolute terms, to 1% of one step (lr 0.01).
    const options: TrainOptions = {
      loss: 'cross-entropy',
      optimizer: { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-6, weightDecay: 0 },
      batchSize: 32,
      shuffle: true,
      seed: 5,
    };
    const backend = createWebGpuBackend(gpu!);
    const session = await backend.createSession(model, params, data, options);
    const tuned = backend.tuning.tuner.log.map((entry) => entry.id);
    if (hasQuadSubgroups(gpu!)) expect(tuned.some((id) => id.startsWith('quad'))).toBe(true);
    let done = 0;
    while (done < 7) done += await session.train(7 - done);
    const losses = await session.readLoss();
    const ref = referenceTrain(model, params, data, options, 7);
    expect(maxRelError(losses.batchLosses, ref.losses)).toBeLessThan(1e-5);
    expect(paramsError(await session.getParams(), ref.params, 1)).toBeLessThan(1e-4);
    session.dispose();
  });

  it('profiles each kernel of a step and leaves the training where it was', async () => {
    const params = randomParams(model, 6);
    const options: TrainOptions = {
      loss: 'cross-entropy',
      optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0 },
      batchSize: 32,
      shuffle: false,
      seed: 2,
    };
    const backend = createWebGpuBackend(gpu!);
    const session = (await backend.createSession(
      model,
      params,
      data,
      options,
    )) as GpuTrainingSession;
    await session.train(2);
    const before = await session.getParams();
    const { kernels } = await session.profile();
    // Two forwards, the loss, two weight gradients, one input gradient, the optimizer.
    expect(kernels.map((k) => k.name)).toHaveLength(7);
    expect(kernels.every((k) => k.ms >= 0 && Number.isFinite(k.ms))).toBe(true);
    expect(paramsError(await session.getParams(), before)).toBe(0);
    await session.train(1);
    const losses = await session.readLoss();
    const ref = referenceTrain(model, params, data, options, 3);
    expect(maxRelError(losses.batchLosses, ref.losses)).toBeLessThan(1e-5);
    session.dispose();
  });
});
