import { describe, expect, it } from 'vitest';
import { isInputError } from '../errors';
import { initParams } from '../model/init';
import type { ModelSpec } from '../model/spec';
import {
  buildModelFile,
  type ModelFileInfo,
  modelFileText,
  modelFromFile,
  parseModelFile,
  parseModelFileText,
} from './modelFile';
import { shortestFloat32 } from './numberText';

const model: ModelSpec = {
  inputShape: [2, 2],
  layers: [
    { kind: 'flatten', nodeId: 'flat' },
    { kind: 'linear', inFeatures: 4, outFeatures: 3, nodeId: 'fc1' },
    { kind: 'leakyRelu', negativeSlope: 0.2, nodeId: 'act' },
    { kind: 'dropout', p: 0.1, nodeId: 'drop' },
    { kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc2' },
    { kind: 'softmax', nodeId: 'soft' },
  ],
};
const params = initParams(model, 7);
const info: ModelFileInfo = {
  task: 'classification',
  classes: ['cat', 'dog'],
  preprocessing: {
    kind: 'standardize',
    mean: [1, 2, 3, 4],
    std: [1, 1, 2, 2],
    imageScale: 1 / 255,
  },
  training: {
    loss: 'cross-entropy',
    optimizer: { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    batchSize: 2,
    epochs: 3,
    shuffle: true,
    seed: 7,
    normalize: 'standardize',
    validationSplit: 0.2,
    dataset: { source: 'idx', images: 'a.idx', labels: 'b.idx' },
    backend: 'cpu',
  },
  metrics: {
    epochs: 3,
    loss: 0.5,
    accuracy: 0.75,
    accuracyOn: 'validation',
    history: [{ epoch: 1, loss: 0.9 }],
  },
};

function inputErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (isInputError(err)) return err.message;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('model file', () => {
  it('writes the layers in PyTorch layout and reads back the same model and float32 parameters', () => {
    const file = buildModelFile(model, params, info);
    expect(file).toMatchObject({
      format: 'layerboard/model',
      version: 1,
      inputShape: [2, 2],
      task: 'classification',
    });
    const fc1 = file.layers[1];
    expect(fc1?.kind === 'linear' && fc1.weight.length).toBe(3);
    expect(fc1?.kind === 'linear' && fc1.weight[0]).toHaveLength(4);
    const text = modelFileText(file);
    // Each float32 as its shortest decimal, which reads back to the same bits.
    expect(text).toContain(`"bias": [${Array.from(params[0]!.bias, shortestFloat32).join(', ')}]`);
    const back = modelFromFile(parseModelFileText(text));
    expect(back.model).toEqual(model);
    expect(back.params).toEqual(params);
    expect(parseModelFileText(text)).toEqual(file);
  });

  it.each([
    ['{', 'not valid JSON'],
    [
      '{"format": "layerboard/project"}',
      'format: expected "layerboard/model" but found "layerboard/project"',
    ],
    ['[]', '(top level)'],
  ])('rejects %s', (text, message) => {
    expect(inputErrorOf(() => parseModelFileText(text))).toContain(message);
  });

  it('names the bad field', () => {
    const file = JSON.parse(modelFileText(buildModelFile(model, params, info)));
    file.layers[3].p = 1.5;
    expect(inputErrorOf(() => parseModelFile(file))).toMatch(/^layers\[3\]\.p: /);
    file.layers[3].p = 0.1;
    file.training.optimizer.lr = -1;
    expect(inputErrorOf(() => parseModelFile(file))).toMatch(/^training\.optimizer\.lr: /);
  });

  it('rejects layers that do not fit together', () => {
    const file = buildModelFile(model, params, info);
    const wrongSize = { ...file, inputShape: [5] };
    expect(inputErrorOf(() => modelFromFile(wrongSize))).toContain(
      'layers[1]: a Linear with inFeatures 4 receives [5]',
    );
    const fc2 = file.layers[4]!;
    if (fc2.kind !== 'linear') throw new Error('fixture');
    const shortBias = {
      ...file,
      layers: file.layers.map((l, i) => (i === 4 ? { ...fc2, bias: [0] } : l)),
    };
    expect(inputErrorOf(() => modelFromFile(shortBias))).toBe('layers[4].bias: expected 2 values');
    const noFlatten = { ...file, layers: file.layers.slice(1) };
    expect(inputErrorOf(() => modelFromFile(noFlatten))).toContain(
      'layers[0]: a Linear with inFeatures 4 receives [2, 2]',
    );
  });
});
