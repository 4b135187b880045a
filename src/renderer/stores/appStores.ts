import { useStore } from 'zustand';
import { createEngineStore, type EngineState } from './engineStore';
import { createGraphStore, type GraphState } from './graphStore';
import { createProjectStore, type ProjectState } from './projectStore';
import { starterProject } from './starterProject';

// The app's one instance of each store. Components read them through narrow selectors, so a
// change re-renders only what shows it; tests create their own stores with the factories.
export const engineStore = createEngineStore();
export const graphStore = createGraphStore(starterProject.graph);
export const projectStore = createProjectStore(starterProject);

export function useEngine<T>(selector: (state: EngineState) => T): T {
  return useStore(engineStore, selector);
}

export function useGraph<T>(selector: (state: GraphState) => T): T {
  return useStore(graphStore, selector);
}

export function useProject<T>(selector: (state: ProjectState) => T): T {
  return useStore(projectStore, selector);
}
