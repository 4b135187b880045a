import { describe, expect, it } from 'vitest';
import { isInputError } from '../errors';
import { modelFileText, modelFromFile, parseModelFileText } from './modelFile';
import { createPredictor } from './predict';
import { modelFileOfRun, type RunEpoch } from './runModelFile';

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
        {
          epoch: 2,
          epochs: 2,
          loss: 800,
          regression: {
            on: 'training',
            targets: [
              { r2: 0.5, mae: 20, rmse: 25 },
              { r2: -0.25, mae: 30, rmse: 35 },
            ],
          },
          seconds: 0.1,
          lr: 0.01,
        },
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
    expect(reread.metrics.regression).toEqual({
      on: 'training',
      targets: [
        { name: 'apples_ton', r2: 0.5, mae: 20, rmse: 25 },
        { name: 'oranges_ton', r2: -0.25, mae: 30, rmse: 35 },
      ],
    });
    expect(reread.metrics.classification).toBeUndefined();
    expect(() => modelFromFile(reread)).not.toThrow();
    expect(Array.from(createPredictor(reread).predict([2, 2, 2], 1))).toEqual([2.5, 5.5]);
  });

  const classifierOf = (history: RunEpoch[]) =>
    modelFileOfRun({
      model: {
        inputShape: [3],
        layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' }],
      },
      data: { task: 'classification', classes: ['no', 'yes'], targetNames: ['label'] },
      backend: 'cpu',
      params,
      history,
      training: { ...training, loss: 'cross-entropy' },
      dataset,
      preprocessing: { kind: 'none' },
    });
  const classifier = (matrices: number[][][]) =>
    classifierOf(
      matrices.map((confusionMatrix, i) => ({
        epoch: i + 1,
        epochs: matrices.length,
        loss: 1 / (i + 1),
        accuracy: 0.5,
        accuracyOn: 'validation' as const,
        confusionMatrix,
        seconds: 0.1,
        lr: 0.01,
      })),
    );

  it('holds each epoch’s confusion matrix, and the last one’s per-class metrics and macro averages', () => {
    const file = parseModelFileText(
      modelFileText(
        classifier([
          [
            [1, 1],
            [1, 1],
          ],
          [
            [3, 1],
            [0, 2],
          ],
        ]),
      ),
    );
    expect(file.metrics.history?.map((h) => h.confusionMatrix)).toEqual([
      [
        [1, 1],
        [1, 1],
      ],
      [
        [3, 1],
        [0, 2],
      ],
    ]);
    const metrics = file.metrics.classification;
    expect(metrics?.on).toBe('validation');
    expect(metrics?.classes[0]).toEqual({
      name: 'no',
      precision: 1,
      recall: 0.75,
      f1: 6 / 7,
      support: 4,
    });
    expect(metrics?.classes[1]).toMatchObject({
      name: 'yes',
      precision: 2 / 3,
      recall: 1,
      support: 2,
    });
    expect(metrics?.macro.f1).toBeCloseTo((6 / 7 + 0.8) / 2, 12);
  });

  it('reads model files without the new metrics, and refuses metrics that do not fit the classes', () => {
    const file = JSON.parse(
      modelFileText(
        classifier([
          [
            [1, 0],
            [0, 1],
          ],
        ]),
      ),
    );
    const { classification: _, ...older } = file.metrics;
    older.history = older.history.map(
      ({ confusionMatrix: _m, ...h }: { confusionMatrix: unknown }) => h,
    );
    expect(() => parseModelFileText(JSON.stringify({ ...file, metrics: older }))).not.toThrow();
    file.metrics.history[0].confusionMatrix = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    let message = '';
    try {
      parseModelFileText(JSON.stringify(file));
    } catch (err) {
      if (!isInputError(err)) throw err;
      message = err.message;
    }
    expect(message).toContain('metrics.history[0].confusionMatrix: expected 2 rows of 2 counts');
  });

  it('records the matrix of the split the app evaluated (the test split), with its grades', () => {
    const matrix = [
      [2, 0],
      [1, 1],
    ];
    const epoch: RunEpoch = {
      epoch: 1,
      epochs: 1,
      loss: 0.5,
      seconds: 0.1,
      lr: 0.01,
      evaluation: { on: 'test', count: 4, loss: 0.4, accuracy: 0.75, confusionMatrix: matrix },
    };
    const file = parseModelFileText(modelFileText(classifierOf([epoch])));
    expect(file.metrics.history?.[0]?.confusionMatrix).toEqual(matrix);
    expect(file.metrics.classification?.on).toBe('test');
    expect(file.metrics.classification?.classes[1]).toMatchObject({ recall: 0.5, support: 2 });
    // The report's own figures stay as they were: no accuracy without validation data.
    expect(file.metrics.accuracy).toBeUndefined();
  });
});
