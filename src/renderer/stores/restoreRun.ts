import type { StoreApi } from 'zustand/vanilla';
import { runChanges, runNumber } from '../../engine';
import { baseName } from '../../shared/fileKinds';
import type { DatasetRef, RunRecord } from '../../shared/project';
import { toProjectGraph } from './flowGraph';
import type { GraphState } from './graphStore';
import type { ProjectState } from './projectStore';

interface RestoreStores {
  readonly graph: StoreApi<GraphState>;
  readonly project: StoreApi<ProjectState>;
  /** Drops an import under way, as choosing a built-in dataset in the Dataset tab does. */
  readonly discardDraft: () => void;
}

/**
 * Puts a run's graph (one edit, undoable), training settings and dataset back into the project,
 * and says what changed. A built-in dataset is always there to go back to; an imported one is
 * named for the student to import again, since its file may be gone. Refused, with the reason,
 * while a run trains (the graph is locked).
 */
export function restoreRun(stores: RestoreStores, run: RunRecord, index: number): string {
  const { graph, project } = stores;
  const label = `run ${runNumber(run, index)}`;
  const locked = graph.getState().locked;
  if (locked) return locked;
  const { nodes, edges } = graph.getState();
  const { dataset, training } = project.getState();
  const now = { graph: toProjectGraph(nodes, edges), dataset, training };
  const sameData = runChanges(now, { ...now, dataset: run.dataset }).length === 0;
  const imported = run.dataset.source === 'builtin' ? undefined : run.dataset;
  // An imported dataset's file may be gone: it is named, for the student to import again.
  const changes = runChanges(now, imported ? { ...run, dataset } : run);
  const importIt =
    imported && !sameData
      ? ` It trained on ${dataName(imported)}: import that in the Dataset tab to train on it again.`
      : '';
  if (changes.length === 0) {
    return `The project already has ${label}'s graph and settings.${importIt}`;
  }
  graph.getState().replaceGraph(run.graph);
  // Optional settings the run did without go too: absent is what they meant there.
  project
    .getState()
    .updateTraining({ schedule: undefined, earlyStopping: undefined, ...run.training });
  if (!imported && !sameData) {
    stores.discardDraft();
    project.getState().setDataset(run.dataset);
  }
  return `Restored ${label}'s settings: ${changes.join(', ')}.${importIt}`;
}

/** An imported dataset's file by name (an IDX pair by its images). */
function dataName(ref: Exclude<DatasetRef, { source: 'builtin' }>): string {
  return baseName(ref.source === 'idx' ? ref.images : ref.path);
}
