import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../model/spec';
import { binOf, deadFraction, histogram, insidesOf, reluFollows } from './insides';

describe('the insides of a model', () => {
  it('bins values from the least to the greatest, the greatest in the last bin', () => {
    const h = histogram([0, 1, 2, 3, 4], 4);
    expect(h).toEqual({ min: 0, max: 4, counts: [1, 1, 1, 2] });
    expect(binOf(4, 0, 4, 4)).toBe(3);
  });

  it('puts equal values in the first bin and leaves out what is not finite', () => {
    expect(histogram([2, 2, Number.NaN, Infinity], 3)).toEqual({
      min: 2,
      max: Infinity,
      counts: [2, 0, 0],
    });
    expect(histogram([5, 5], 2)).toEqual({ min: 5, max: 5, counts: [2, 0] });
    expect(histogram([], 2)).toEqual({ min: 0, max: 0, counts: [0, 0] });
  });

  it('counts a unit dead when it is at most 0 for every sample and position', () => {
    // 2 samples x 2 channels x 2 positions: channel 0 fires once, channel 1 never.
    const z = Float32Array.of(-1, 0.5, -2, 0, -1, -1, 0, -3);
    expect(deadFraction(z, 2, 2, 2)).toBe(0.5);
  });

  it('gives each layer with weights its histograms, and dead units where a ReLU follows', () => {
    const model: ModelSpec = {
      inputShape: [2],
      layers: [
        { kind: 'linear', inFeatures: 2, outFeatures: 2, nodeId: 'fc1' },
        { kind: 'dropout', p: 0.5, nodeId: 'd' },
        { kind: 'relu', nodeId: 'r' },
        { kind: 'linear', inFeatures: 2, outFeatures: 1, nodeId: 'fc2' },
      ],
    };
    expect(reluFollows(model, 0)).toBe(true);
    expect(reluFollows(model, 3)).toBe(false);
    const params = [
      { weight: Float32Array.of(1, 2, 3, 4), bias: Float32Array.of(0, 0) },
      { weight: Float32Array.of(1, -1), bias: Float32Array.of(0) },
    ];
    const z1 = Float32Array.of(1, -1, 2, -2);
    const insides = insidesOf(model, params, [z1, z1, z1, Float32Array.of(3, 4)], 2);
    expect(insides.map((l) => l.layer)).toEqual([0, 3]);
    expect(insides[0]!.dead).toBe(0.5);
    expect(insides[1]!.dead).toBeUndefined();
    expect(insides[0]!.weights.min).toBe(1);
    expect(insides[1]!.outputs.max).toBe(4);
  });
});
