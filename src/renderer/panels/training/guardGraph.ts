import type { StoreApi } from 'zustand/vanilla';
import type { GraphState } from '../../stores/graphStore';
import type { ProjectState } from '../../stores/projectStore';
import type { TrainingState } from '../../stores/trainingState';

export const EDIT_BLOCKED =
  'The model is training: press Stop before changing the graph (moving nodes is fine).';

interface GuardStores {
  readonly graph: StoreApi<GraphState>;
  readonly project: StoreApi<ProjectState>;
  readonly training: StoreApi<TrainingState>;
}

/**
 * A run trains on a snapshot: while it runs the graph is locked (see appStores), and opening
 * another project or choosing another dataset stops it. Returns the unsubscribe function.
 */
export function guardGraph({ graph, project, training }: GuardStores): () => void {
  const offGraph = graph.subscribe((state, previous) => {
    if (training.getState().running && state.revision !== previous.revision)
      training.getState().stop();
  });
  const offProject = project.subscribe((state, previous) => {
    if (training.getState().running && state.dataset !== previous.dataset)
      training.getState().stop();
  });
  return () => {
    offGraph();
    offProject();
  };
}
