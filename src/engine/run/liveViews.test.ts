import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import type { PreparedData } from '../data/loadData';
import type { LayerOf, ModelSpec } from '../model/spec';
import { filtersViewer, liveViewBuffers, liveViewer } from './liveViews';

const conv = (inChannels: number, outChannels: number): LayerOf<'conv2d'> => ({
  kind: 'conv2d',
  inChannels,
  outChannels,
  kernelSize: 2,
  stride: 1,
  padding: 0,
  nodeId: 'conv1',
});

describe('the filters view', () => {
  it("draws the first Conv2d's filters, k x k each, in PyTorch's [out][in][k][k] order", () => {
    const model: ModelSpec = { inputShape: [1, 3, 3], layers: [conv(1, 2)] };
    const weight = new Float32Array([1, 2, 3, 4, -1, -2, -3, -4]);
    const view = filtersViewer(model)!([{ weight, bias: new Float32Array(2) }]);
    expect(view).toMatchObject({
      kind: 'filters',
      nodeId: 'conv1',
      size: 2,
      inChannels: 1,
      outChannels: 2,
      pictures: 2,
    });
    if (view.kind !== 'filters') throw new Error(view.kind);
    expect(Array.from(view.weights)).toEqual([1, 2, 3, 4, -1, -2, -3, -4]);
    // A copy, moved to the app: the run's parameters stay whole.
    expect(view.weights.buffer).not.toBe(weight.buffer);
    expect(liveViewBuffers(view)).toEqual([view.weights.buffer]);
  });

  it('draws a filter over several input channels as the mean of its kernels', () => {
    const model: ModelSpec = { inputShape: [2, 3, 3], layers: [conv(2, 1)] };
    const weight = new Float32Array([1, 2, 3, 4, 3, 2, 1, 0]);
    const view = filtersViewer(model)!([{ weight, bias: new Float32Array(1) }]);
    if (view.kind !== 'filters') throw new Error(view.kind);
    expect(view.inChannels).toBe(2);
    expect(Array.from(view.weights)).toEqual([2, 2, 2, 2]);
  });

  it('is only for a model whose first layer with weights is a Conv2d', () => {
    const mlp: ModelSpec = {
      inputShape: [1, 3, 3],
      layers: [
        { kind: 'flatten', nodeId: 'flatten' },
        { kind: 'linear', inFeatures: 9, outFeatures: 2, nodeId: 'fc1' },
        { kind: 'relu', nodeId: 'relu' },
      ],
    };
    expect(filtersViewer(mlp)).toBeUndefined();
    // A pool before the conv changes nothing: the conv is still the first with weights.
    const pooled: ModelSpec = {
      inputShape: [1, 4, 4],
      layers: [{ kind: 'maxPool2d', kernelSize: 2, stride: 2, nodeId: 'pool' }, conv(1, 1)],
    };
    expect(filtersViewer(pooled)).toBeDefined();
  });

  it("is a classification's live view when its model starts with a convolution", () => {
    const images: Dataset = {
      name: 'images',
      count: 1,
      sampleShape: [1, 3, 3],
      x: new Float32Array(9),
      targets: { task: 'classification', labels: new Int32Array([0]), classes: ['a', 'b'] },
      featureNames: [],
    };
    const prepared = { train: images, preprocessing: { kind: 'none' } } as unknown as PreparedData;
    const model: ModelSpec = { inputShape: [1, 3, 3], layers: [conv(1, 2)] };
    const weight = new Float32Array(8);
    const view = liveViewer(model, prepared)!([{ weight, bias: new Float32Array(2) }]);
    expect(view.kind).toBe('filters');
  });
});

describe('the fitted-line view', () => {
  it("holds the model's prediction at each data point, for the residual plot", () => {
    const table: Dataset = {
      name: 'profit',
      count: 3,
      sampleShape: [1],
      // Standardised: raw = 10 + 2 x.
      x: Float32Array.of(-1, 0, 1),
      targets: { task: 'regression', values: Float32Array.of(5, 7, 9), size: 1, names: ['profit'] },
      featureNames: ['population'],
    };
    const prepared = {
      train: table,
      preprocessing: { kind: 'standardize', mean: [10], std: [2] },
    } as unknown as PreparedData;
    const model: ModelSpec = {
      inputShape: [1],
      layers: [{ kind: 'linear', inFeatures: 1, outFeatures: 1, nodeId: 'fc1' }],
    };
    // y = 3 x + 6 on the standardised input.
    const view = liveViewer(model, prepared)!([
      { weight: Float32Array.of(3), bias: Float32Array.of(6) },
    ]);
    if (view.kind !== 'fit') throw new Error(view.kind);
    expect(view.points).toEqual({ x: [8, 10, 12], y: [5, 7, 9], predicted: [3, 6, 9] });
  });
});
