import { createStore } from 'zustand/vanilla';
import type { DatasetRef, Project, TrainingSettings } from '../../shared/project';

export interface ProjectState {
  name: string;
  dataset: DatasetRef;
  training: TrainingSettings;
  weights: Project['weights'];
  setName(name: string): void;
  setDataset(dataset: DatasetRef): void;
  updateTraining(patch: Partial<TrainingSettings>): void;
  load(project: Project): void;
}

/** The project's settings beside its graph: dataset, training settings, initial weights. */
export function createProjectStore(initial: Project) {
  return createStore<ProjectState>()((set, get) => ({
    name: initial.name ?? 'Untitled',
    dataset: initial.dataset,
    training: initial.training,
    weights: initial.weights,
    setName: (name) => set({ name }),
    // Initial weights belong to one dataset's lesson: a new dataset starts from seeded init.
    setDataset: (dataset) => set({ dataset, weights: undefined }),
    updateTraining: (patch) => set({ training: { ...get().training, ...patch } }),
    load: (project) =>
      set({
        name: project.name ?? 'Untitled',
        dataset: project.dataset,
        training: project.training,
        weights: project.weights,
      }),
  }));
}
