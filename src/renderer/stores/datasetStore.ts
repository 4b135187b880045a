import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DatasetDescription, Task } from '../../engine';
import { baseName } from '../../shared/fileKinds';
import type { DatasetRef } from '../../shared/project';
import { type ColumnRole, type CsvDraft, csvDraft, withRole } from '../panels/dataset/csvDraft';
import type { IdxDraft } from '../panels/dataset/idxDraft';
import type { DataEngine } from '../panels/dataset/latestRequest';
import { datasetDraft } from './datasetDraft';
import { datasetRequests } from './datasetRequests';
import { hasFiles, projectData, type ReadPath, refKey, type UnreadFile } from './projectData';
import type { ProjectState } from './projectStore';

/** What the user imported and is looking at: not the project's dataset until committed. */
export type Draft = CsvDraft | IdxDraft;

/** Work under way in the worker, for the progress bar. */
export interface Progress {
  readonly label: string;
  readonly read: number;
  /** Bytes in all, when known. */
  readonly total?: number;
}

export interface DataError {
  readonly message: string;
  /** True when it stopped an import: the project's dataset stayed as it was. */
  readonly projectUnchanged: boolean;
}

export interface DatasetState {
  draft: Draft | undefined;
  /** The project's dataset, read and described by the worker... */
  description: DatasetDescription | undefined;
  /** ...and which dataset that is (`refKey` of its ref). */
  describedRef: string | undefined;
  progress: Progress | undefined;
  /** The last problem, in the engine's words (file, row, column, what to do). */
  error: DataError | undefined;
  /**
   * Files of the project's dataset by the name its ref gives them, kept in memory since the
   * import: what training passes as `browserFiles({ imports })`.
   */
  imports: ReadonlyMap<string, Blob>;
  /** The project's imported CSV file (or IDX images file); undefined for a built-in. */
  file: Blob | undefined;
  /** The project's files that `loadProjectData` could not read, the last time it tried. */
  unread: readonly UnreadFile[];
  /**
   * Reads files the user picked or dropped (`paths[i]` is where `files[i]` is on disk, when the
   * platform knows): a file the project's dataset names and lacks is used as that file at once;
   * others go into the draft (a CSV, or one or both IDX files).
   */
  importFiles(files: readonly File[], paths?: readonly (string | undefined)[]): Promise<void>;
  /**
   * Loads the project's dataset files that are not in `imports` yet, reading them by path with
   * `read` where the platform can (Electron), and describes the dataset once all are there: the
   * Input node takes its shape as after an import.
   */
  loadProjectData(read?: ReadPath): Promise<void>;
  /** Opens the project's CSV again as a draft, with the roles the project gives its columns. */
  editColumns(): Promise<void>;
  setRole(column: string, role: ColumnRole): void;
  setTask(task: Task): void;
  /** Makes a checked draft the project's dataset; a bad one leaves the project as it was. */
  commit(): Promise<void>;
  /** Drops the draft, and stops the worker reading for it. */
  discard(): void;
  dismissError(): void;
  /** Describes the project's dataset, unless that is already done or under way. */
  describeProject(): Promise<void>;
}

export interface DatasetStoreDeps {
  readonly project: StoreApi<ProjectState>;
  readonly engine: () => DataEngine;
  /** The built-in datasets' folder URL, as the worker must fetch it. */
  readonly datasetsUrl: () => string;
}

/**
 * The dataset panel's state: the draft of an import, the description of the project's dataset,
 * progress and errors. All reading happens in the engine worker; only a draft that the worker
 * read without fault reaches the project (`project.setDataset`), and only files of the project's
 * own dataset that it read without fault are used as such (projectData.ts).
 */
export function createDatasetStore(deps: DatasetStoreDeps) {
  const { project } = deps;
  let describing: string | undefined;

  return createStore<DatasetState>()((set, get) => {
    const requests = datasetRequests({ ...deps, set });
    const drafts = datasetDraft({ get, set, requests });

    /** Makes `ref` the project's dataset, with the files it reads and the worker's description. */
    function adopt(ref: DatasetRef, imports: Map<string, Blob>, description: DatasetDescription) {
      project.getState().setDataset(ref, description.dataInfo);
      set({
        draft: undefined,
        imports,
        file: imports.values().next().value,
        description,
        describedRef: refKey(ref),
        unread: [],
      });
    }

    const data = projectData({
      project,
      get,
      set,
      describe: (ref, imports, label) => requests.describe(ref, imports, label, true),
    });

    return {
      draft: undefined,
      description: undefined,
      describedRef: undefined,
      progress: undefined,
      error: undefined,
      imports: new Map(),
      file: undefined,
      unread: [],

      async importFiles(files, paths = []) {
        // With a draft open, files are for the draft, whatever their names.
        const { found, others } = get().draft
          ? { found: new Map(), others: files.map((file, i) => ({ file, path: paths[i] })) }
          : data.claim(files, paths);
        if (found.size > 0) await data.supply(found);
        await drafts.read(others);
      },

      async editColumns() {
        const ref = project.getState().dataset;
        const file = get().file;
        if (ref.source !== 'csv' || !file) return;
        const name = baseName(ref.path);
        const preview = await requests.run('preview-file', { file, name }, `Reading ${name}`, true);
        if (preview?.format === 'csv') set({ draft: csvDraft(file, name, preview.csv, ref) });
      },

      setRole(column, role) {
        const draft = get().draft;
        if (draft?.format === 'csv') set({ draft: withRole(draft, column, role) });
      },

      setTask(task) {
        const draft = get().draft;
        if (draft?.format === 'csv') set({ draft: { ...draft, task } });
      },

      async commit() {
        const checked = await drafts.check();
        if (checked) adopt(checked.ref, checked.imports, checked.description);
      },

      discard() {
        requests.stop();
        describing = undefined;
        set({ draft: undefined, error: undefined, progress: undefined });
      },

      dismissError: () => set({ error: undefined }),

      async loadProjectData(read) {
        await data.readMissing(read);
        if (hasFiles(project.getState().dataset, get().imports)) await get().describeProject();
      },

      async describeProject() {
        const ref = project.getState().dataset;
        const key = refKey(ref);
        if (key === get().describedRef) return data.knowShape(ref, get().description);
        if (key === describing) return;
        const { imports } = get();
        if (!hasFiles(ref, imports)) return;
        describing = key;
        const label = ref.source === 'builtin' ? `Loading ${ref.name}` : 'Loading the data';
        const description = await requests.describe(ref, imports, label, false);
        if (describing === key) describing = undefined;
        if (description && refKey(project.getState().dataset) === key) {
          set({ description, describedRef: key });
          data.knowShape(ref, description);
        }
      },
    };
  });
}
