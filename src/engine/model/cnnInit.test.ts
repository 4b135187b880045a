import { describe, expect, it } from 'vitest';
import reference from './fixtures/cnn-init.json';
import { initParams } from './init';
import { layerTensors, tensorLayers } from './layers';
import type { LayerParams, ModelSpec } from './spec';

// Numbers from scripts/reference/cnn_init.py: torch.manual_seed(s), then the nn.Sequential below
// built module by module in PyTorch 1.13 (nn.Conv2d's and nn.Linear's reset_parameters draw weight
// then bias; batch norm draws nothing). Equality is exact: initParams reproduces uniform_'s float32
// values bit for bit, so any difference is a different draw, not rounding.

const bn = { momentum: 0.1, eps: 1e-5 };
const model: ModelSpec = {
  inputShape: reference.inputShape,
  layers: [
    {
      kind: 'conv2d',
      inChannels: 1,
      outChannels: 8,
      kernelSize: 5,
      stride: 1,
      padding: 2,
      nodeId: 'conv1',
    },
    { kind: 'batchNorm2d', numFeatures: 8, ...bn, nodeId: 'bn1' },
    { kind: 'maxPool2d', kernelSize: 2, stride: 2, nodeId: 'pool1' },
    {
      kind: 'conv2d',
      inChannels: 8,
      outChannels: 16,
      kernelSize: 3,
      stride: 1,
      padding: 0,
      nodeId: 'conv2',
    },
    { kind: 'batchNorm2d', numFeatures: 16, ...bn, nodeId: 'bn2' },
    { kind: 'avgPool2d', kernelSize: 2, stride: 2, nodeId: 'pool2' },
    { kind: 'flatten', nodeId: 'flat' },
    { kind: 'linear', inFeatures: 576, outFeatures: 64, nodeId: 'fc1' },
    { kind: 'batchNorm1d', numFeatures: 64, ...bn, nodeId: 'bn3' },
    { kind: 'linear', inFeatures: 64, outFeatures: 10, nodeId: 'fc2' },
  ],
};

type Reference = (typeof reference.runs)[number]['layers'][number];

/** Every value where the fixture has them all; else the sampled values and float64 sums. */
function expectLayer(actual: LayerParams, ref: Reference) {
  if ('weight' in ref) {
    expect(Array.from(actual.weight)).toEqual(ref.weight);
    expect(Array.from(actual.bias)).toEqual(ref.bias);
  } else {
    expect(ref.weightIndices.map((j) => actual.weight[j])).toEqual(ref.weightValues);
    expect(ref.biasIndices.map((j) => actual.bias[j])).toEqual(ref.biasValues);
    // Sums over every value: a single differing value would show.
    let sum = 0;
    let absSum = 0;
    for (const v of actual.weight) {
      sum += v;
      absSum += Math.abs(v);
    }
    expect(sum).toBeCloseTo(ref.weightSum, 9);
    expect(absSum).toBeCloseTo(ref.weightAbsSum, 9);
    expect(actual.bias.reduce((a, b) => a + b, 0)).toBeCloseTo(ref.biasSum, 9);
  }
  if ('runningMean' in ref) {
    expect(Array.from(actual.runningMean ?? [])).toEqual(ref.runningMean);
    expect(Array.from(actual.runningVar ?? [])).toEqual(ref.runningVar);
  } else {
    expect(actual.runningMean).toBeUndefined();
  }
}

describe('initParams on a convolutional model', () => {
  it("has PyTorch's tensor shapes, layer for layer", () => {
    const shapes = tensorLayers(model).map((layer) => layerTensors(layer)!.shapes.weight);
    expect(shapes).toEqual(reference.runs[0]!.layers.map((l) => l.weightShape));
  });

  for (const run of reference.runs) {
    it(`gives every value torch.manual_seed(${run.seed}) and the nn.Sequential give`, () => {
      const params = initParams(model, run.seed);
      expect(params).toHaveLength(run.layers.length);
      run.layers.forEach((ref, i) => {
        expectLayer(params[i]!, ref);
      });
    });
  }
});
