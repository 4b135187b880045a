import { describe, expect, it } from 'vitest';
import crop from '../cpu/fixtures/crop-yields.json';
import { regressionData, toParams } from '../cpu/fixtures/datasets';
import type { ModelSpec } from '../model/spec';
import { adviseOn, deadUnits, largeInputs, suggestLearningRate } from './doctor';

const raw = {
  ...regressionData(crop.x, crop.y),
  featureNames: ['temp_f', 'rainfall_mm', 'humidity_pct'],
};
const model: ModelSpec = {
  inputShape: [3],
  layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' }],
};
const params = () => toParams([{ weight: crop.weight, bias: crop.bias }]);
const options = {
  loss: 'mse',
  optimizer: { type: 'sgd', lr: 10, momentum: 0, weightDecay: 0 },
  batchSize: 5,
  shuffle: false,
  seed: 1,
  normalize: 'none',
} as const;

describe('the divergence doctor', () => {
  it('sees large raw inputs, and only raw ones', () => {
    expect(largeInputs(raw, 'none')).toBe('temp_f averages 84.4 and spreads 12.1');
    expect(largeInputs(raw, 'standardize')).toBeUndefined();
    // Images are scaled to [0, 1] when they are read.
    expect(largeInputs({ ...raw, featureNames: [] }, 'none')).toBeUndefined();
  });

  it('finds a learning rate that works in one go, not a decade at a time', async () => {
    // Crop yields at lr 10 diverge; the lesson trains at 1e-5, and 1e-4 converges faster still
    // (loss 0.56 after 1,000 steps); 3e-4 already diverges.
    expect(await suggestLearningRate(model, params(), raw, options)).toBe(1e-4);
  });

  it('leaves the weights it starts from as they were', async () => {
    const start = params();
    const before = start.map((p) => Array.from(p.weight));
    const advice = await adviseOn(model, start, raw, options);
    expect(advice).toEqual({
      standardize: 'temp_f averages 84.4 and spreads 12.1',
      learningRate: 1e-4,
    });
    expect(start.map((p) => Array.from(p.weight))).toEqual(before);
  });
});

describe('dead units', () => {
  const mlp: ModelSpec = {
    inputShape: [4],
    layers: [
      { kind: 'linear', inFeatures: 4, outFeatures: 10, nodeId: 'fc1' },
      { kind: 'relu', nodeId: 'relu1' },
      { kind: 'linear', inFeatures: 10, outFeatures: 8, nodeId: 'fc2' },
      { kind: 'relu', nodeId: 'relu2' },
      { kind: 'linear', inFeatures: 8, outFeatures: 2, nodeId: 'fc3' },
    ],
  };
  const histogram = { min: 0, max: 1, counts: [1] };
  const layer = (index: number, dead?: number) => ({
    layer: index,
    weights: histogram,
    outputs: histogram,
    ...(dead === undefined ? {} : { dead }),
  });

  it('names the layer with the most dead ReLUs, once more than half of its units are', () => {
    const hint = deadUnits(mlp, [layer(0, 0.7), layer(2, 0.875), layer(4)]);
    expect(hint).toEqual({
      nodeId: 'fc2',
      fraction: 0.875,
      message:
        'fc2: 88% of its ReLUs (7 of 8) gave 0 for every sample of the last batch (dead units), so they no longer learn: lower the learning rate, or use LeakyReLU',
    });
    expect(deadUnits(mlp, [layer(0, 0.7)])?.message).toMatch(/^fc1: 70% of its ReLUs \(7 of 10\)/);
  });

  it('says nothing at half dead or below', () => {
    expect(deadUnits(mlp, [layer(0, 0.5), layer(2, 0.1), layer(4)])).toBeUndefined();
    expect(deadUnits(mlp, [])).toBeUndefined();
  });
});
