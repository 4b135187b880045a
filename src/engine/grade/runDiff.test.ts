import { describe, expect, it } from 'vitest';
import type { DatasetRef, Graph, GraphNode, TrainingSettings } from '../../shared/project';
import { trainingSettings } from '../testing/trainingSettings';
import { type RunSetup, runChanges } from './runDiff';

const at = { x: 0, y: 0 };
const node = (id: string, kind: GraphNode['kind'], params?: GraphNode['params']): GraphNode => ({
  id,
  kind,
  position: at,
  ...(params ? { params } : {}),
});
const chain = (...nodes: GraphNode[]): Graph => ({
  nodes,
  edges: nodes.slice(1).map((n, i) => ({ source: nodes[i]!.id, target: n.id })),
});

const training = trainingSettings({
  batchSize: 32,
  shuffle: true,
  normalize: 'standardize',
});
const mlp = chain(
  node('in', 'input'),
  node('fc1', 'linear', { outFeatures: 128 }),
  node('relu1', 'relu'),
  node('fc2', 'linear', { outFeatures: 2 }),
);
const base: RunSetup = {
  graph: mlp,
  dataset: { source: 'builtin', name: 'crop-yields' },
  training,
};

describe('runChanges', () => {
  it('says nothing changed when only positions moved', () => {
    const moved = { ...mlp, nodes: mlp.nodes.map((n) => ({ ...n, position: { x: 5, y: 9 } })) };
    expect(runChanges(base, { ...base, graph: moved })).toEqual([]);
    expect(runChanges(base, base)).toEqual([]);
  });

  it('names each setting with its values, in the Training tab order', () => {
    const after: TrainingSettings = {
      ...training,
      loss: 'cross-entropy',
      optimizer: { type: 'sgd', lr: 0.001, momentum: 0.9, weightDecay: 0 },
      batchSize: 64,
      epochs: 20,
      shuffle: false,
      seed: 2,
      normalize: 'none',
      validationSplit: 0.2,
      schedule: { type: 'step', stepSize: 5, gamma: 0.5 },
      earlyStopping: { patience: 3 },
    };
    expect(runChanges(base, { ...base, training: after })).toEqual([
      'loss mse -> cross-entropy',
      'lr 0.01 -> 0.001',
      'momentum 0 -> 0.9',
      'schedule constant -> step every 5 epochs x 0.5',
      'batch size 32 -> 64',
      'epochs 10 -> 20',
      'shuffle on -> off',
      'seed 1 -> 2',
      'normalize standardize -> none',
      'validation split 0 -> 0.2',
      'early stopping off -> patience 3',
    ]);
  });

  it('names the optimizer, and settings only the two share', () => {
    const adam: TrainingSettings = {
      ...training,
      optimizer: { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    };
    expect(runChanges(base, { ...base, training: adam })).toEqual([
      'optimizer SGD -> Adam',
      'lr 0.01 -> 0.001',
    ]);
    const cosine = { ...adam, schedule: { type: 'cosine', tMax: 20, etaMin: 0 } as const };
    const beta = {
      ...cosine,
      optimizer: { ...adam.optimizer, beta2: 0.99 },
      earlyStopping: { patience: 5 },
    };
    expect(runChanges({ ...base, training: cosine }, { ...base, training: beta })).toEqual([
      'beta2 0.999 -> 0.99',
      'early stopping off -> patience 5',
    ]);
    expect(runChanges({ ...base, training: cosine }, { ...base, training: adam })).toEqual([
      'schedule cosine over 20 epochs to 0 -> constant',
    ]);
  });

  it('names another dataset, or what changed in reading the same file', () => {
    expect(
      runChanges(base, { ...base, dataset: { source: 'builtin', name: 'population-profit' } }),
    ).toEqual(['dataset crop-yields -> population-profit']);
    const farms = {
      source: 'csv',
      path: '/data/farms.csv',
      features: ['rain', 'sun'],
      targets: ['yield'],
      task: 'regression',
    } satisfies DatasetRef;
    expect(
      runChanges(
        { ...base, dataset: farms },
        { ...base, dataset: { ...farms, features: ['rain'], missing: 'mean', testSplit: 0.2 } },
      ),
    ).toEqual([
      'features rain, sun -> rain',
      'missing values error -> mean',
      'test split 0 -> 0.2',
    ]);
    expect(
      runChanges({ ...base, dataset: farms }, { ...base, dataset: { ...farms, path: 'b.csv' } }),
    ).toEqual(['dataset farms.csv -> b.csv']);
  });

  it('names layers by kind and id: a width, a named parameter, added, removed, another kind', () => {
    const wider = chain(
      node('in', 'input'),
      node('fc1', 'linear', { outFeatures: 256 }),
      node('relu1', 'relu'),
      node('fc2', 'linear', { outFeatures: 2 }),
    );
    expect(runChanges(base, { ...base, graph: wider })).toEqual(['Linear fc1 128 -> 256']);

    const conv = (params: GraphNode['params']) =>
      chain(node('in', 'input'), node('conv1', 'conv2d', params), node('pool1', 'maxPool2d'));
    // A default written out is no change; the pool's stride follows its kernel size.
    expect(
      runChanges({ ...base, graph: conv({ kernelSize: 3 }) }, { ...base, graph: conv({}) }),
    ).toEqual([]);
    expect(
      runChanges(
        { ...base, graph: conv({ kernelSize: 3 }) },
        { ...base, graph: conv({ kernelSize: 5, padding: 2 }) },
      ),
    ).toEqual(['Conv2d conv1 kernel size 3 -> 5', 'Conv2d conv1 padding 0 -> 2']);

    // A layer added into the chain is not also a rewiring.
    const deeper = chain(
      node('in', 'input'),
      node('fc1', 'linear', { outFeatures: 128 }),
      node('relu1', 'relu'),
      node('drop1', 'dropout', { p: 0.2 }),
      node('fc2', 'linear', { outFeatures: 2 }),
      node('relu2', 'relu'),
    );
    expect(runChanges(base, { ...base, graph: deeper })).toEqual([
      'added Dropout drop1',
      'added ReLU relu2',
    ]);
    expect(runChanges({ ...base, graph: deeper }, base)).toEqual([
      'removed Dropout drop1',
      'removed ReLU relu2',
    ]);
    const swapped = chain(
      node('in', 'input'),
      node('fc1', 'linear', { outFeatures: 128 }),
      node('relu1', 'tanh'),
      node('fc2', 'linear', { outFeatures: 2 }),
    );
    expect(runChanges(base, { ...base, graph: swapped })).toEqual(['relu1 ReLU -> Tanh']);
  });

  it('says when wires between the same layers changed', () => {
    const rewired: Graph = {
      nodes: mlp.nodes,
      edges: [
        { source: 'in', target: 'fc1' },
        { source: 'fc1', target: 'fc2' },
        { source: 'fc2', target: 'relu1' },
      ],
    };
    expect(runChanges(base, { ...base, graph: rewired })).toEqual(['connections changed']);
  });

  it('keeps ids as the text they are', () => {
    const odd = '<img src=x onerror=alert(1)>';
    const graph = chain(node('in', 'input'), node(odd, 'relu'));
    expect(runChanges({ ...base, graph: chain(node('in', 'input')) }, { ...base, graph })).toEqual([
      `added ReLU ${odd}`,
    ]);
  });
});
