import type { StoreApi } from 'zustand/vanilla';
import type { GraphState } from './graphStore';
import type { ProjectState } from './projectStore';
import type { TrainingState } from './trainingState';
import type { UiState } from './uiStore';

export const EDIT_BLOCKED =
  'The model is training: press Stop before changing the graph (moving nodes is fine).';

interface GuardedStores {
  readonly graph: StoreApi<GraphState>;
  readonly project: StoreApi<ProjectState>;
  readonly training: StoreApi<TrainingState>;
  readonly ui: StoreApi<UiState>;
}

/**
 * The one home of what a run means for the document. A project owns its runs: opening another
 * project (New, Open, a lesson, a reopened or restored file) forgets them, their charts, trained
 * weights and messages, so nothing of one project shows, exports or trains on in the next. A run
 * trains on a snapshot, so while it runs the graph's structure is locked (moving nodes stays
 * possible), and choosing another dataset stops it. Returns the unsubscribe function.
 */
export function guardRun({ graph, project, training, ui }: GuardedStores): () => void {
  const offTraining = training.subscribe((state, previous) => {
    if (state.running !== previous.running) {
      graph.getState().setLocked(state.running ? EDIT_BLOCKED : undefined);
    }
  });
  const offGraph = graph.subscribe((state, previous) => {
    if (state.revision === previous.revision) return;
    training.getState().reset();
    ui.getState().clearNotices();
  });
  const offProject = project.subscribe((state, previous) => {
    if (training.getState().running && state.dataset !== previous.dataset)
      training.getState().stop();
  });
  return () => {
    offTraining();
    offGraph();
    offProject();
  };
}
