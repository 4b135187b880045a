import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../cpu/backend';
import type { Dataset } from '../data/dataset';
import { applyPreprocessing } from '../data/normalize';
import { initParams } from '../model/init';
import type { ModelSpec } from '../model/spec';
import { exportFileName, exportModel, pythonModuleName } from './exportFormats';
import { cnnModel, imageModel, rawSamples } from './fixtures/models';
import { buildModelFile, modelFromFile, parseModelFileText } from './modelFile';
import { createPredictor } from './predict';

describe('JSON export', () => {
  it('gives the identical predictions once imported again, from raw inputs', async () => {
    // Train a little on the CPU backend, export, read back, predict: bit for bit the same.
    const model: ModelSpec = {
      inputShape: [3],
      layers: [
        { kind: 'linear', inFeatures: 3, outFeatures: 5, nodeId: 'fc1' },
        { kind: 'tanh', nodeId: 'act' },
        { kind: 'dropout', p: 0.2, nodeId: 'drop' },
        { kind: 'linear', inFeatures: 5, outFeatures: 2, nodeId: 'fc2' },
      ],
    };
    const prep = {
      kind: 'standardize',
      mean: [84.4, 85.6, 54.4],
      std: [12.06, 30.39, 12.5],
      features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
    } as const;
    const raw = Float32Array.of(73, 67, 43, 91, 88, 64, 87, 134, 58, 102, 43, 37, 69, 96, 70);
    const data: Dataset = {
      name: 'crops',
      count: 5,
      sampleShape: [3],
      x: applyPreprocessing(raw, { ...prep, mean: [...prep.mean], std: [...prep.std] }),
      targets: {
        task: 'regression',
        values: Float32Array.of(56, 70, 81, 101, 119, 133, 22, 37, 103, 119),
        size: 2,
        names: ['apples_ton', 'oranges_ton'],
      },
      featureNames: prep.features,
    };
    const training = {
      loss: 'mse',
      optimizer: { type: 'adam', lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
      batchSize: 2,
      epochs: 5,
      shuffle: true,
      seed: 2,
      normalize: 'standardize',
      validationSplit: 0,
    } as const;
    const session = await createCpuBackend().createSession(
      model,
      initParams(model, 2),
      data,
      training,
    );
    await session.train(15);
    const appOutputs = await session.predict(data.x, 5);

    const file = buildModelFile(model, await session.getParams(), {
      task: 'regression',
      targets: ['apples_ton', 'oranges_ton'],
      preprocessing: {
        ...prep,
        mean: [...prep.mean],
        std: [...prep.std],
        features: [...prep.features],
      },
      training: { ...training, dataset: { source: 'builtin', name: 'crop-yields' } },
      metrics: { epochs: 5 },
    });
    const text = exportModel(file, 'json', 'crops.model.json') as string;
    const reopened = createPredictor(parseModelFileText(text));
    expect(reopened.predict(raw, 5)).toEqual(appOutputs);
  });

  it.each([
    ['images', imageModel],
    ['cnn', cnnModel],
  ])('reads back every layer kind and preprocessing unchanged (%s)', (name, file) => {
    const text = exportModel(file, 'json', `${name}.model.json`) as string;
    const raw = rawSamples(file, 8);
    expect(createPredictor(parseModelFileText(text)).predict(raw, 8)).toEqual(
      createPredictor(file).predict(raw, 8),
    );
  });

  it('keeps a trained CNN’s running statistics: the file predicts what the session does', async () => {
    // Batch norm in training mode moves its running statistics at every step; the file must hold
    // where they ended, since prediction (eval mode) normalises by them.
    const { model, params } = modelFromFile(cnnModel);
    const count = 24;
    const raw = rawSamples(cnnModel, count, 3);
    const x = applyPreprocessing(raw, cnnModel.preprocessing);
    const data: Dataset = {
      name: 'tiny',
      count,
      sampleShape: [1, 12, 12],
      x,
      targets: {
        task: 'classification',
        labels: Int32Array.from({ length: count }, (_, i) => i % 3),
        classes: cnnModel.classes!,
      },
      featureNames: [],
    };
    const training = { ...cnnModel.training, shuffle: true, batchSize: 8 };
    const session = await createCpuBackend().createSession(model, params, data, training);
    await session.train(6);
    const trained = await session.getParams();
    expect(trained[1]!.runningMean).not.toEqual(params[1]!.runningMean);
    const file = buildModelFile(model, trained, cnnModel);
    const text = exportModel(file, 'json', 'cnn.model.json') as string;
    expect(createPredictor(parseModelFileText(text)).predict(raw, count)).toEqual(
      await session.predict(x, count),
    );
    session.dispose();
  });
});

describe('export file names', () => {
  it('suggest a name per format, and a Python module name that imports', () => {
    expect(exportFileName('Crop yields.layerboard.json', 'json')).toBe('crop-yields.model.json');
    expect(exportFileName('Crop yields', 'pytorch')).toBe('crop_yields.py');
    expect(exportFileName('crops.model.json', 'onnx')).toBe('crops.onnx');
    expect(pythonModuleName('2-layer MLP.py')).toBe('model_2_layer_mlp');
    expect(pythonModuleName('***')).toBe('model');
  });
});
