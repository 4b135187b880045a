import { describe, expect, it } from 'vitest';
import { parseProjectText } from '../../shared/parseProject';
import { isInputError } from '../errors';
import reference from './fixtures/linear-init.json';
import { initParams, paramsFromProject } from './init';
import type { ModelSpec } from './spec';

// Numbers from scripts/reference/linear_init.py: torch.manual_seed(s), then the nn.Sequential built
// layer by layer in PyTorch 1.13 (nn.Linear.reset_parameters).

function mlpSpec(sizes: number[]): ModelSpec {
  return {
    inputShape: [sizes[0]!],
    layers: sizes.slice(1).map((out, i) => ({
      kind: 'linear' as const,
      inFeatures: sizes[i]!,
      outFeatures: out,
      nodeId: `fc${i + 1}`,
    })),
  };
}

const cropModel = mlpSpec([3, 2]);

describe('initParams', () => {
  it('gives every value torch.manual_seed(1); nn.Linear(3, 2) gives', () => {
    const [layer] = initParams(cropModel, reference.small.seed);
    expect(Array.from(layer!.weight)).toEqual(reference.small.layers[0]!.weight.flat());
    expect(Array.from(layer!.bias)).toEqual(reference.small.layers[0]!.bias);
  });

  it('gives the values of torch.manual_seed(42) and a 784-128-10 MLP', () => {
    const params = initParams(mlpSpec(reference.mlp.sizes), reference.mlp.seed);
    reference.mlp.layers.forEach((ref, i) => {
      const { weight, bias } = params[i]!;
      expect(ref.weightIndices.map((j) => weight[j])).toEqual(ref.weightValues);
      expect(ref.biasIndices.map((j) => bias[j])).toEqual(ref.biasValues);
      // Sums over every value: a single differing value would show.
      let sum = 0;
      let absSum = 0;
      for (const v of weight) {
        sum += v;
        absSum += Math.abs(v);
      }
      expect(sum).toBeCloseTo(ref.weightSum, 9);
      expect(absSum).toBeCloseTo(ref.weightAbsSum, 9);
      expect(bias.reduce((a, b) => a + b, 0)).toBeCloseTo(ref.biasSum, 9);
    });
  });
});

describe('paramsFromProject', () => {
  const weights = {
    fc1: {
      weight: [
        [0.5896, -0.5372, 0.7526],
        [0.6566, 0.9928, 0.6209],
      ],
      bias: [1.3376, 1.0164],
    },
  };

  it('uses the tutorial weights as float32, in PyTorch layout', () => {
    const [layer] = paramsFromProject(cropModel, weights, 1);
    expect(layer!.weight).toEqual(
      new Float32Array([0.5896, -0.5372, 0.7526, 0.6566, 0.9928, 0.6209]),
    );
    expect(layer!.bias).toEqual(new Float32Array([1.3376, 1.0164]));
  });

  it('falls back to the seeded initialisation for layers without weights', () => {
    expect(paramsFromProject(cropModel, undefined, 1)).toEqual(initParams(cropModel, 1));
    const model = mlpSpec([3, 4, 2]);
    const given = {
      fc2: {
        weight: [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
        bias: [0, 0],
      },
    };
    const params = paramsFromProject(model, given, 1);
    expect(params[0]).toEqual(initParams(model, 1)[0]);
    expect(Array.from(params[1]!.weight)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps the weights of a node called __proto__ (project files key weights by node id)', () => {
    const text = `{"format": "layerboard/project", "version": 1,
      "graph": {"nodes": [], "edges": []}, "dataset": {"source": "builtin", "name": "crop-yields"},
      "training": {"loss": "mse", "optimizer": {"type": "sgd", "lr": 0.1}, "batchSize": 5, "epochs": 1},
      "weights": {"__proto__": ${JSON.stringify(weights.fc1)}}}`;
    const parsed = parseProjectText(text);
    if (!parsed.ok) throw new Error(parsed.error);
    const model: ModelSpec = {
      inputShape: [3],
      layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: '__proto__' }],
    };
    const [layer] = paramsFromProject(model, parsed.value.weights, 1);
    expect(layer!.bias).toEqual(new Float32Array([1.3376, 1.0164]));
  });

  it.each([
    [
      { fc1: { weight: [[1, 2, 3]], bias: [0, 0] } },
      'weights.fc1.weight: expected 2 rows of 3 values but found 1 ([2][3] for Linear "fc1")',
    ],
    [
      {
        fc1: {
          weight: [
            [1, 2],
            [3, 4],
          ],
          bias: [0, 0],
        },
      },
      'weights.fc1.weight[0]: expected 3 values but found 2 ([2][3] for Linear "fc1")',
    ],
    [
      { fc1: { weight: weights.fc1.weight, bias: [0] } },
      'weights.fc1.bias: expected 2 values but found 1 ([2] for Linear "fc1")',
    ],
    [{ fc9: weights.fc1 }, 'weights.fc9: the model has no layer with weights called "fc9"'],
  ])('names the node and the expected shape when weights do not fit (%#)', (bad, message) => {
    let error: unknown;
    try {
      paramsFromProject(cropModel, bad, 1);
    } catch (err) {
      error = err;
    }
    expect(isInputError(error)).toBe(true);
    expect((error as Error).message).toContain(message);
  });
});
