import type { Project } from '../../shared/project';

/**
 * What a new window shows: lesson 1 of the course, linear regression on the crop-yields table
 * (temperature, rainfall, humidity -> apples, oranges), with the tutorial's initial weights.
 */
export const starterProject: Project = {
  format: 'layerboard/project',
  version: 1,
  name: 'Linear regression: crop yields',
  graph: {
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 } },
      { id: 'fc1', kind: 'linear', params: { outFeatures: 2 }, position: { x: 260, y: 0 } },
    ],
    edges: [{ source: 'in', target: 'fc1' }],
  },
  dataset: { source: 'builtin', name: 'crop-yields' },
  training: {
    loss: 'mse',
    optimizer: { type: 'sgd', lr: 1e-5, momentum: 0, weightDecay: 0 },
    batchSize: 5,
    epochs: 100,
    shuffle: false,
    seed: 1,
    normalize: 'none',
    validationSplit: 0,
  },
  weights: {
    fc1: {
      weight: [
        [0.5896, -0.5372, 0.7526],
        [0.6566, 0.9928, 0.6209],
      ],
      bias: [1.3376, 1.0164],
    },
  },
};
