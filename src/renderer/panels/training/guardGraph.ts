import type { StoreApi } from 'zustand/vanilla';
import type { GraphState } from '../../stores/graphStore';
import type { ProjectState } from '../../stores/projectStore';
import type { TrainingState } from '../../stores/trainingStore';
import type { UiState } from '../../stores/uiStore';

/** What a training run depends on in the graph: nodes' kinds and parameters, and the wiring. */
const structure = (g: GraphState) =>
  JSON.stringify([g.nodes.map((n) => [n.id, n.data]), g.edges.map((e) => [e.source, e.target])]);

export const EDIT_BLOCKED =
  'The model is training: press Stop before changing the graph (moving nodes is fine).';

interface GuardStores {
  readonly graph: StoreApi<GraphState> & {
    temporal: StoreApi<{ pastStates: unknown[]; undo(): void }>;
  };
  readonly project: StoreApi<ProjectState>;
  readonly training: StoreApi<TrainingState>;
  readonly ui: StoreApi<UiState>;
}

/**
 * Keeps the graph as the run's snapshot while a run is on: an edit of the graph is undone at once
 * with a note to stop first; a new or opened project (no edit to undo) or another dataset stops
 * the run instead. Returns the unsubscribe function.
 */
export function guardGraph({ graph, project, training, ui }: GuardStores): () => void {
  const offGraph = graph.subscribe((state, previous) => {
    if (!training.getState().running || structure(state) === structure(previous)) return;
    if (graph.temporal.getState().pastStates.length > 0) {
      graph.temporal.getState().undo();
      ui.getState().notify('info', EDIT_BLOCKED);
    } else {
      training.getState().stop();
    }
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
