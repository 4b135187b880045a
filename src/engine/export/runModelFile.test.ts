import { describe, expect, it } from 'vitest';
import { modelFileText, modelFromFile, parseModelFileText } from './modelFile';
import { createPredictor } from './predict';
import { modelFileOfRun } from './runModelFile';

const model = {
  inputShape: [3],
  layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' }],
} as const;
const preprocessing = {
  kind: 'none',
  features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
} as const;
const training = {
  loss: 'mse',
  optimizer: { type: 'sgd', lr: 1e-5, momentum: 0, weightDecay: 0 },
  batchSize: 5,
  epochs: 2,
  shuffle: false,
  seed: 1,
  normalize: 'none',
  validationSplit: 0,
} as const;
const dataset = { source: 'builtin', name: 'crop-yields' } as const;
const params = [
  { weight: Float32Array.of(0.5, -0.5, 0.75, 0.25, 1, 0.5), bias: Float32Array.of(1, 2) },
];

describe('the model file of a trained run', () => {
  it('holds the run’s model, weights, settings and metrics, and predicts from raw inputs', async () => {
    const file = modelFileOfRun({
      name: 'Crop yields',
      model: { inputShape: [...model.inputShape], layers: [...model.layers] },
      data: { task: 'regression', targetNames: ['apples_ton', 'oranges_ton'] },
      backend: 'cpu',
      params,
      history: [
        { epoch: 1, epochs: 2, loss: 900, seconds: 0.1, lr: 0.01 },
        { epoch: 2, epochs: 2, loss: 800, seconds: 0.1, lr: 0.01 },
      ],
      training,
      dataset,
      preprocessing: { ...preprocessing, features: [...preprocessing.features] },
    });
    const reread = parseModelFileText(modelFileText(file));
    expect(reread.layers[0]).toMatchObject({
      kind: 'linear',
      weight: [
        [0.5, -0.5, 0.75],
        [0.25, 1, 0.5],
      ],
    });
    expect(reread.targets).toEqual(['apples_ton', 'oranges_ton']);
    expect(reread.preprocessing).toEqual({
      kind: 'none',
      features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
    });
    expect(reread.training).toMatchObject({ dataset, backend: 'cpu', epochs: 2 });
    expect(reread.metrics).toMatchObject({ epochs: 2, loss: 800 });
    expect(reread.metrics.history).toHaveLength(2);
    expect(() => modelFromFile(reread)).not.toThrow();
    expect(Array.from(createPredictor(reread).predict([2, 2, 2], 1))).toEqual([2.5, 5.5]);
  });
});
