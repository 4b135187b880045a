import { createStore } from 'zustand/vanilla';
import { type DataShape, nextRunNumber } from '../../engine';
import {
  type Assignment,
  CLASSROOM_LIMITS,
  type DatasetRef,
  type HandInRun,
  type Project,
  type RunRecord,
  type TrainingSettings,
} from '../../shared/project';

/** The file a project was opened from or saved to. */
export interface ProjectFile {
  name: string;
  /** On disk, where the platform knows it (Electron). */
  path?: string;
}

export interface ProjectState {
  name: string;
  dataset: DatasetRef;
  /** Shape, task and outputs of an imported (non built-in) dataset, once it is read. */
  importedShape: DataShape | undefined;
  training: TrainingSettings;
  weights: Project['weights'];
  file: ProjectFile | undefined;
  /** The assignment this project is (a teacher's) or answers (a student's copy of it). */
  assignment: Assignment | undefined;
  /**
   * The values the assignment's locks hold the project to: its dataset and training settings when
   * it was opened (or made an assignment), whatever is changed since.
   */
  lockedValues: { dataset: DatasetRef; training: TrainingSettings } | undefined;
  /** The claim of the hand-in this project was opened from (a teacher looking at a hand-in). */
  handIn: HandInRun | undefined;
  /** The project's runs, oldest first, at most `CLASSROOM_LIMITS.runs`. */
  runs: readonly RunRecord[];
  /**
   * The project's text when it was last opened, started from a template or saved: the open
   * project has unsaved changes when it differs (undefined until the app sets it at start-up).
   */
  savedText: string | undefined;
  markSaved(text: string | undefined): void;
  setName(name: string): void;
  setDataset(dataset: DatasetRef, info?: DataShape): void;
  /**
   * The project's own dataset files were found again (read from disk, or imported by name): their
   * shape, and where they are when the user picked them from another folder. The same data, so
   * unlike `setDataset` the initial weights stay.
   */
  foundDataFiles(info: DataShape, dataset?: DatasetRef): void;
  updateTraining(patch: Partial<TrainingSettings>): void;
  setFile(file: ProjectFile | undefined): void;
  setAssignment(assignment: Assignment | undefined): void;
  /**
   * Keeps a finished run, dropping the oldest beyond `CLASSROOM_LIMITS.runs`; a run without a
   * number gets the next one.
   */
  recordRun(run: RunRecord): void;
  /** Forgets run `index` (in `runs`). */
  forgetRun(index: number): void;
  load(project: Project, file?: ProjectFile): void;
}

/** The project's settings beside its graph: dataset, training settings, initial weights, file. */
export function createProjectStore(initial: Project) {
  return createStore<ProjectState>()((set, get) => ({
    name: initial.name ?? 'Untitled',
    dataset: initial.dataset,
    importedShape: undefined,
    training: initial.training,
    weights: initial.weights,
    file: undefined,
    assignment: initial.assignment,
    lockedValues: initial.assignment && { dataset: initial.dataset, training: initial.training },
    handIn: initial.run,
    runs: initial.runs ?? [],
    savedText: undefined,
    markSaved: (savedText) => set({ savedText }),
    setName: (name) => set({ name }),
    // Initial weights belong to one dataset's lesson: a new dataset starts from seeded init.
    setDataset: (dataset, info) => set({ dataset, importedShape: info, weights: undefined }),
    foundDataFiles: (info, dataset) =>
      set({ importedShape: info, ...(dataset ? { dataset } : {}) }),
    updateTraining: (patch) => set({ training: { ...get().training, ...patch } }),
    setFile: (file) => set({ file }),
    setAssignment: (assignment) => {
      const { dataset, training } = get();
      set({ assignment, lockedValues: assignment && { dataset, training } });
    },
    recordRun: (run) => {
      const { runs } = get();
      const numbered = { ...run, number: run.number ?? nextRunNumber(runs) };
      set({ runs: [...runs, numbered].slice(-CLASSROOM_LIMITS.runs) });
    },
    forgetRun: (index) => set({ runs: get().runs.filter((_, i) => i !== index) }),
    load: (project, file) =>
      set({
        name: project.name ?? 'Untitled',
        dataset: project.dataset,
        importedShape: undefined,
        training: project.training,
        weights: project.weights,
        assignment: project.assignment,
        lockedValues: project.assignment && {
          dataset: project.dataset,
          training: project.training,
        },
        handIn: project.run,
        runs: project.runs ?? [],
        file,
      }),
  }));
}
