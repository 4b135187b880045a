// Project files for the main process's tests: the least the project schema takes, naming a dataset.

/** A project file's text whose dataset is `dataset`. */
export const projectText = (dataset: unknown): string =>
  JSON.stringify({
    format: 'layerboard/project',
    version: 1,
    graph: { nodes: [], edges: [] },
    dataset,
    training: { loss: 'mse', optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 1, epochs: 1 },
  });

/** A CSV dataset at `path` (one feature x, one target y). */
export const csvDataset = (path: string) => ({
  source: 'csv',
  path,
  features: ['x'],
  targets: ['y'],
  task: 'regression',
});
