import { describe, expect, it } from 'vitest';
import { foldsFinalSoftmax } from '../model/softmaxFold';
import type { ModelSpec } from '../model/spec';
import { layoutParams, packParams, unpackParams } from './paramLayout';
import { planStages } from './plan';
import { f32Literal } from './program';

const mlp: ModelSpec = {
  inputShape: [1, 28, 28],
  layers: [
    { kind: 'flatten', nodeId: 'f' },
    { kind: 'linear', inFeatures: 784, outFeatures: 30, nodeId: 'a' },
    { kind: 'relu', nodeId: 'r' },
    { kind: 'dropout', p: 0.2, nodeId: 'd' },
    { kind: 'linear', inFeatures: 30, outFeatures: 10, nodeId: 'b' },
    { kind: 'softmax', nodeId: 's' },
  ],
};

describe('planStages', () => {
  it('fuses activations and dropout into the Linear before them and folds the final Softmax', () => {
    expect(foldsFinalSoftmax('cross-entropy', mlp.layers)).toBe(true);
    expect(planStages(mlp, { training: true, foldSoftmax: true })).toEqual([
      {
        kind: 'linear',
        slot: 0,
        layer: 1,
        inFeatures: 784,
        outFeatures: 30,
        ops: [{ kind: 'relu' }, { kind: 'dropout', p: 0.2, layer: 3 }],
      },
      { kind: 'linear', slot: 1, layer: 4, inFeatures: 30, outFeatures: 10, ops: [] },
    ]);
  });

  it('drops dropout in evaluation and keeps the Softmax for prediction and for MSE', () => {
    expect(foldsFinalSoftmax('mse', mlp.layers)).toBe(false);
    const stages = planStages(mlp, { training: false, foldSoftmax: false });
    expect(stages.map((s) => s.kind)).toEqual(['linear', 'linear', 'softmax']);
    expect(stages[0]).toMatchObject({ ops: [{ kind: 'relu' }] });
  });

  it('gives layers without a Linear before them their own stage', () => {
    const model: ModelSpec = {
      inputShape: [4],
      layers: [
        { kind: 'tanh', nodeId: 't' },
        { kind: 'linear', inFeatures: 4, outFeatures: 3, nodeId: 'a' },
        { kind: 'softmax', nodeId: 's' },
        { kind: 'sigmoid', nodeId: 'g' },
      ],
    };
    const stages = planStages(model, { training: true, foldSoftmax: false });
    expect(stages.map((s) => s.kind)).toEqual(['elementwise', 'linear', 'softmax', 'elementwise']);
    expect(
      planStages({ inputShape: [2, 2], layers: [] }, { training: true, foldSoftmax: false }),
    ).toEqual([{ kind: 'elementwise', width: 4, ops: [] }]);
  });
});

describe('parameter layout', () => {
  it('starts every tensor on a 4-float boundary and round-trips PyTorch layouts', () => {
    const model: ModelSpec = {
      inputShape: [3],
      layers: [
        { kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'a' },
        { kind: 'linear', inFeatures: 2, outFeatures: 1, nodeId: 'b' },
      ],
    };
    const layout = layoutParams(model);
    expect(layout.slots).toEqual([
      { weight: 0, weightSize: 6, bias: 8, biasSize: 2 },
      { weight: 12, weightSize: 2, bias: 16, biasSize: 1 },
    ]);
    expect(layout.size).toBe(20);
    const params = [
      { weight: Float32Array.of(1, 2, 3, 4, 5, 6), bias: Float32Array.of(7, 8) },
      { weight: Float32Array.of(9, 10), bias: Float32Array.of(11) },
    ];
    const flat = packParams(layout, params);
    expect(Array.from(flat.subarray(0, 10))).toEqual([1, 2, 3, 4, 5, 6, 0, 0, 7, 8]);
    expect(unpackParams(layout, flat)).toEqual(params);
  });
});

describe('f32Literal', () => {
  it('writes the float32 value exactly, always as a float', () => {
    expect(f32Literal(2)).toBe('f32(2.0)');
    expect(f32Literal(0.1)).toBe(`f32(${Math.fround(0.1)})`);
    expect(f32Literal(1e-8)).toBe(`f32(${Math.fround(1e-8)})`);
  });
});

describe('planStages on convolutional models', () => {
  const cnn: ModelSpec = {
    inputShape: [1, 8, 8],
    layers: [
      {
        kind: 'conv2d',
        inChannels: 1,
        outChannels: 4,
        kernelSize: 3,
        stride: 1,
        padding: 1,
        nodeId: 'c1',
      },
      { kind: 'relu', nodeId: 'r1' },
      { kind: 'maxPool2d', kernelSize: 2, stride: 2, nodeId: 'p1' },
      {
        kind: 'conv2d',
        inChannels: 4,
        outChannels: 6,
        kernelSize: 3,
        stride: 1,
        padding: 0,
        nodeId: 'c2',
      },
      { kind: 'batchNorm2d', numFeatures: 6, momentum: 0.1, eps: 1e-5, nodeId: 'b2' },
      { kind: 'relu', nodeId: 'r2' },
      { kind: 'flatten', nodeId: 'f' },
      { kind: 'linear', inFeatures: 24, outFeatures: 3, nodeId: 'fc' },
    ],
  };

  it('fuses activations into the conv or batch norm before them', () => {
    const stages = planStages(cnn, { training: true, foldSoftmax: false });
    expect(stages.map((s) => s.kind)).toEqual(['conv', 'pool', 'conv', 'batchNorm', 'linear']);
    expect(stages[0]).toMatchObject({
      slot: 0,
      layer: 0,
      ops: [{ kind: 'relu' }],
      shape: { inChannels: 1, outChannels: 4, outHeight: 8, outWidth: 8 },
    });
    expect(stages[1]).toMatchObject({ mode: 'max', shape: { channels: 4, outHeight: 4 } });
    expect(stages[3]).toMatchObject({
      slot: 2,
      norm: 0,
      channels: 6,
      spatial: 4,
      ops: [{ kind: 'relu' }],
    });
    expect(stages[4]).toMatchObject({ slot: 3, layer: 7 });
  });

  it('lets a pooling layer read the dataset as a first stage', () => {
    const model: ModelSpec = {
      inputShape: [1, 4, 4],
      layers: [
        { kind: 'avgPool2d', kernelSize: 2, stride: 2, nodeId: 'p' },
        { kind: 'flatten', nodeId: 'f' },
        { kind: 'linear', inFeatures: 4, outFeatures: 2, nodeId: 'fc' },
      ],
    };
    const stages = planStages(model, { training: true, foldSoftmax: false });
    expect(stages.map((s) => s.kind)).toEqual(['pool', 'linear']);
  });
});
