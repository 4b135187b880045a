import { describe, expect, it } from 'vitest';
import { trainingSettings } from '../../engine/testing/trainingSettings';
import type { DatasetRef, Project, RunRecord } from '../../shared/project';
import { toProjectGraph } from './flowGraph';
import { createGraphStore } from './graphStore';
import { createProjectStore } from './projectStore';
import { restoreRun } from './restoreRun';

const project: Project = {
  format: 'layerboard/project',
  version: 1,
  graph: {
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 } },
      { id: 'fc1', kind: 'linear', params: { outFeatures: 2 }, position: { x: 200, y: 0 } },
    ],
    edges: [{ source: 'in', target: 'fc1' }],
  },
  dataset: { source: 'builtin', name: 'crop-yields' },
  training: trainingSettings(),
};

const run: RunRecord = {
  number: 1,
  at: '2026-12-06T12:00:00.000Z',
  durationMs: 100,
  backend: 'cpu',
  outcome: 'completed',
  graph: project.graph,
  dataset: project.dataset,
  training: project.training,
  metrics: { loss: 1 },
  history: [{ epoch: 1, loss: 1 }],
};

function setup() {
  const graph = createGraphStore(project.graph);
  const store = createProjectStore(project);
  let discarded = 0;
  const stores = { graph, project: store, discardDraft: () => discarded++ };
  const now = () => toProjectGraph(graph.getState().nodes, graph.getState().edges);
  return { graph, store, stores, now, discarded: () => discarded };
}

describe('restoreRun', () => {
  it("puts back a run's graph (undoably), settings and built-in dataset, and says what changed", () => {
    const { graph, store, stores, now, discarded } = setup();
    graph.getState().updateParams('fc1', { outFeatures: 4 });
    store.getState().updateTraining({
      optimizer: { ...project.training.optimizer, lr: 0.001 },
      earlyStopping: { patience: 2 },
    });
    store.getState().setDataset({ source: 'builtin', name: 'population-profit' });
    expect(restoreRun(stores, run, 0)).toBe(
      "Restored run 1's settings: Linear fc1 4 -> 2, dataset population-profit -> crop-yields, lr 0.001 -> 0.01, early stopping patience 2 -> off.",
    );
    expect(now()).toEqual(project.graph);
    expect(store.getState().training.optimizer.lr).toBe(0.01);
    expect(store.getState().training.earlyStopping).toBeUndefined();
    expect(store.getState().dataset).toEqual(project.dataset);
    expect(discarded()).toBe(1);
    graph.temporal.getState().undo();
    expect(now().nodes[1]!.params).toEqual({ outFeatures: 4 });
    expect(restoreRun(stores, run, 0)).toMatch(/^Restored/);
    expect(restoreRun(stores, run, 0)).toBe("The project already has run 1's graph and settings.");
  });

  it('names an imported dataset instead of switching to it, and refuses while a run trains', () => {
    const { graph, store, stores } = setup();
    const csv = {
      source: 'csv',
      path: '/data/farms.csv',
      features: ['rain'],
      targets: ['yield'],
      task: 'regression',
    } satisfies DatasetRef;
    expect(
      restoreRun(stores, { ...run, dataset: csv, training: { ...run.training, seed: 4 } }, 2),
    ).toBe(
      "Restored run 1's settings: seed 1 -> 4. It trained on farms.csv: import that in the Dataset tab to train on it again.",
    );
    expect(store.getState().dataset).toEqual(project.dataset);
    graph.getState().setLocked('Press Stop first.');
    expect(restoreRun(stores, { ...run, training: project.training }, 0)).toBe('Press Stop first.');
    expect(store.getState().training.seed).toBe(4);
  });
});
