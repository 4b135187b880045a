import { describe, expect, it } from 'vitest';
import { memoryProblem, TRAINING_MEMORY_LIMIT, trainingMemory } from './budget';
import { compileGraph } from './compile';
import type { ModelSpec } from './spec';

const adam = {
  type: 'adam',
  lr: 0.001,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
} as const;
const sgd = { type: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0 } as const;

/** 784-256-128-10 with ReLUs: the MLP lesson. */
const mlp: ModelSpec = {
  inputShape: [1, 28, 28],
  layers: [
    { kind: 'flatten', nodeId: 'flat' },
    { kind: 'linear', inFeatures: 784, outFeatures: 256, nodeId: 'fc1' },
    { kind: 'relu', nodeId: 'r1' },
    { kind: 'linear', inFeatures: 256, outFeatures: 128, nodeId: 'fc2' },
    { kind: 'relu', nodeId: 'r2' },
    { kind: 'linear', inFeatures: 128, outFeatures: 10, nodeId: 'fc3' },
  ],
};

describe('trainingMemory', () => {
  it("counts PyTorch's parameters, their copies per optimizer, and a batch's activations", () => {
    const m = trainingMemory(mlp, { batchSize: 128, optimizer: adam });
    expect(m.parameters).toBe(235_146);
    expect(m.copies).toBe(4);
    expect(m.valuesPerSample).toBe(784 + 256 + 256 + 128 + 128 + 10);
    expect(m.totalBytes).toBe(235_146 * 4 * 4 + 128 * 1562 * 3 * 4);
    expect(trainingMemory(mlp, { batchSize: 128, optimizer: sgd }).copies).toBe(2);
    expect(
      trainingMemory(mlp, { batchSize: 128, optimizer: { ...sgd, momentum: 0.9 } }).copies,
    ).toBe(3);
    // No batch is larger than the data.
    expect(trainingMemory(mlp, { batchSize: 1_000_000, optimizer: sgd }, 500).batchSize).toBe(500);
    expect(memoryProblem(trainingMemory(mlp, { batchSize: 128, optimizer: adam }))).toBeUndefined();
  });

  it('refuses what does not fit, with the arithmetic and the fix', () => {
    const wide: ModelSpec = {
      inputShape: [1, 28, 28],
      layers: [
        { kind: 'flatten', nodeId: 'flat' },
        { kind: 'linear', inFeatures: 784, outFeatures: 20_000, nodeId: 'fc1' },
        { kind: 'relu', nodeId: 'r1' },
        { kind: 'linear', inFeatures: 20_000, outFeatures: 10, nodeId: 'fc2' },
      ],
    };
    const m = trainingMemory(wide, { batchSize: 60_000, optimizer: adam });
    expect(m.totalBytes).toBeGreaterThan(TRAINING_MEMORY_LIMIT);
    expect(memoryProblem(m)).toBe(
      "this model needs 27.6 GB to train, more than the 2.0 GB Layerboard trains in: 15,900,010 parameters x 4 bytes x 4 (weights, gradients and Adam's two moments) = 243 MB, plus the activations of a batch, 60,000 x 40,794 values x 3 (outputs, gradients, pre-activations) x 4 bytes = 27.4 GB: use a smaller batch size or narrower layers",
    );
  });

  it('is checked at compile, before anything is allocated', () => {
    const graph = {
      nodes: [
        { id: 'in', kind: 'input' as const, position: { x: 0, y: 0 } },
        { id: 'flat', kind: 'flatten' as const, position: { x: 0, y: 1 } },
        {
          id: 'fc1',
          kind: 'linear' as const,
          params: { outFeatures: 20_000 },
          position: { x: 0, y: 2 },
        },
        {
          id: 'fc2',
          kind: 'linear' as const,
          params: { outFeatures: 10 },
          position: { x: 0, y: 3 },
        },
      ],
      edges: [
        { source: 'in', target: 'flat' },
        { source: 'flat', target: 'fc1' },
        { source: 'fc1', target: 'fc2' },
      ],
    };
    const data = {
      sampleShape: [1, 28, 28],
      task: 'classification' as const,
      outputs: 10,
      rows: 60_000,
    };
    const small = compileGraph(graph, data, 'cross-entropy', { batchSize: 64, optimizer: adam });
    expect(small.model).toBeDefined();
    expect(small.memory?.parameters).toBe(15_900_010);
    const big = compileGraph(graph, data, 'cross-entropy', { batchSize: 60_000, optimizer: adam });
    expect(big.model).toBeUndefined();
    expect(big.problems).toContainEqual({
      severity: 'error',
      message: expect.stringMatching(/^this model needs 14\.2 GB to train/),
    });
  });
});
