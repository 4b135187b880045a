import { useStore } from 'zustand';
import { browserKeeper } from '../project/keptFiles';
import { workText } from '../project/projectDocument';
import { TEMPLATES } from '../templates';
import { engineConnection } from '../worker/connectEngine';
import { announceRuns } from './announcements';
import { type CompileState, createCompileStore } from './compileStore';
import type { DatasetState } from './datasetState';
import { createDatasetStore } from './datasetStore';
import { builtinDatasetsUrl } from './datasetsUrl';
import { createEngineStore, type EngineState } from './engineStore';
import { toProjectGraph } from './flowGraph';
import { createGraphStore, type GraphState } from './graphStore';
import { createProjectStore, type ProjectState } from './projectStore';
import { guardRun } from './runGuard';
import { createRunsViewStore, type RunsViewState } from './runsView';
import type { TrainingState } from './trainingState';
import { createTrainingStore } from './trainingStore';
import { createUiStore, type UiState } from './uiStore';

// The app's one instance of each store. Components read them through narrow selectors, so a
// change re-renders only what shows it; tests create their own stores with the factories.
const starter = TEMPLATES[0]!.project;
export const engineStore = createEngineStore();
/** The training worker, started on first use. */
export const connectEngine = engineConnection(engineStore);
export const uiStore = createUiStore();
export const graphStore = createGraphStore(starter.graph, (reason) =>
  uiStore.getState().notify('info', reason),
);
export const projectStore = createProjectStore(starter);
export const compileStore = createCompileStore(graphStore, projectStore);
export const documentStores = { graph: graphStore, project: projectStore };
// The starter lesson as shipped is the baseline that unsaved changes are measured from.
projectStore.getState().markSaved(workText(documentStores));
export const datasetStore = createDatasetStore({
  project: projectStore,
  engine: connectEngine,
  datasetsUrl: builtinDatasetsUrl,
  keeper: browserKeeper(),
});

/** The compiled model of the graph now, as a string: trained weights fit it when it is theirs. */
export function currentModelKey(): string | undefined {
  const model = compileStore.getState().result.model;
  return model && JSON.stringify(model);
}

export const trainingStore = createTrainingStore({
  engine: connectEngine,
  snapshot: () => {
    const { nodes, edges } = graphStore.getState();
    const { dataset, training, weights } = projectStore.getState();
    return {
      graph: toProjectGraph(nodes, edges),
      dataset,
      training,
      ...(weights ? { weights } : {}),
      datasetsUrl: builtinDatasetsUrl(),
      imports: datasetStore.getState().imports,
    };
  },
  modelKey: currentModelKey,
  updateTraining: (patch) => projectStore.getState().updateTraining(patch),
  recordRun: (run) => projectStore.getState().recordRun(run),
});

/** Which runs the Runs tab overlays and compares: another project's runs are others. */
export const runsViewStore = createRunsViewStore();
graphStore.subscribe((state, previous) => {
  if (state.revision !== previous.revision) runsViewStore.getState().clear();
});

guardRun({ graph: graphStore, project: projectStore, training: trainingStore, ui: uiStore });
announceRuns({ compile: compileStore, training: trainingStore, ui: uiStore });

export function useTraining<T>(selector: (state: TrainingState) => T): T {
  return useStore(trainingStore, selector);
}

export function useEngine<T>(selector: (state: EngineState) => T): T {
  return useStore(engineStore, selector);
}

export function useGraph<T>(selector: (state: GraphState) => T): T {
  return useStore(graphStore, selector);
}

export function useProject<T>(selector: (state: ProjectState) => T): T {
  return useStore(projectStore, selector);
}

export function useCompiled<T>(selector: (state: CompileState) => T): T {
  return useStore(compileStore, selector);
}

/** Undo history of the graph: whether there is something to undo or redo. */
export function useHistory<T>(selector: (state: { canUndo: boolean; canRedo: boolean }) => T): T {
  return useStore(graphStore.temporal, (s) =>
    selector({ canUndo: s.pastStates.length > 0, canRedo: s.futureStates.length > 0 }),
  );
}

export function useDataset<T>(selector: (state: DatasetState) => T): T {
  return useStore(datasetStore, selector);
}

export function useRunsView<T>(selector: (state: RunsViewState) => T): T {
  return useStore(runsViewStore, selector);
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}
