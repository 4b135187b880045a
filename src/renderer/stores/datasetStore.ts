import { createStore } from 'zustand/vanilla';
import type { DatasetDescription } from '../../engine';
import { baseName } from '../../shared/fileKinds';
import type { DatasetRef } from '../../shared/project';
import { csvDraft, withRole } from './csvDraft';
import { datasetDraft } from './datasetDraft';
import { datasetRequests } from './datasetRequests';
import type { DatasetState, DatasetStoreDeps } from './datasetState';
import { hasFiles, projectData, refKey } from './projectData';

/**
 * The dataset panel's state: the draft of an import, the description of the project's dataset,
 * progress and errors. All reading happens in the engine worker; only a draft that the worker
 * read without fault reaches the project (`project.setDataset`), and only files of the project's
 * own dataset that it read without fault are used as such (projectData.ts).
 */
export function createDatasetStore(deps: DatasetStoreDeps) {
  const { project, keeper } = deps;
  let describing: string | undefined;

  return createStore<DatasetState>()((set, get) => {
    const requests = datasetRequests({ ...deps, set });
    const drafts = datasetDraft({ get, set, requests });

    /** Keeps the project's files in the browser's storage, for the next session. */
    async function keep(files: ReadonlyMap<string, Blob>): Promise<void> {
      if (!keeper || files.size === 0) return;
      for (const [path, blob] of files) await keeper.keep(path, blob);
      set({ kept: await keeper.list() });
    }

    /** Makes `ref` the project's dataset, with the files it reads and the worker's description. */
    function adopt(ref: DatasetRef, imports: Map<string, Blob>, description: DatasetDescription) {
      void keep(imports);
      project.getState().setDataset(ref, description.dataShape);
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
      ...(keeper ? { keeper } : {}),
      kept: keep,
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
      kept: [],

      async importFiles(files, paths = []) {
        // With a draft open, files are for the draft, whatever their names.
        const { found, others } = get().draft
          ? { found: new Map(), others: files.map((file, i) => ({ file, path: paths[i] })) }
          : data.claim(files, paths);
        if (found.size > 0) await data.supply(found);
        await drafts.read(others);
      },

      async importFolder(name, files) {
        const ref = project.getState().dataset;
        // The project's own folder, reopened without its files: used as it is, not a new import.
        if (
          !get().draft &&
          ref.source === 'folder' &&
          baseName(ref.path) === name &&
          !hasFiles(ref, get().imports)
        ) {
          const own = new Map(files.map(({ path, file }) => [`${ref.path}/${path}`, file]));
          set({ imports: own, file: undefined, unread: [] });
          return get().describeProject();
        }
        await drafts.readFolder(
          name,
          new Map(files.map(({ path, file }) => [`${name}/${path}`, file])),
        );
      },

      setFolderOptions: (changes) => drafts.setFolderOptions(changes),

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

      setMissing(missing) {
        const draft = get().draft;
        if (draft?.format === 'csv') set({ draft: { ...draft, missing }, error: undefined });
      },

      setTestSplit(testSplit) {
        const draft = get().draft;
        if (draft?.format === 'csv') set({ draft: { ...draft, testSplit }, error: undefined });
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

      async listKept() {
        if (keeper) set({ kept: await keeper.list() });
      },

      async forgetKept(path) {
        if (!keeper) return;
        await keeper.forget(path);
        set({ kept: await keeper.list() });
      },

      async forgetAllKept() {
        if (!keeper) return;
        await keeper.forgetAll();
        set({ kept: [] });
      },

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
