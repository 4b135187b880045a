import type { DatasetDescription } from '../../engine';
import { baseName } from '../../shared/fileKinds';
import { type DatasetRef, TRAINING_LIMITS } from '../../shared/project';
import { csvDraft, draftProblem, draftRef } from './csvDraft';
import type { DatasetRequests } from './datasetRequests';
import type { DatasetState } from './datasetState';
import { FOLDER_DEFAULTS, type FolderDraft, type FolderOptions, folderRef } from './folderDraft';
import { idxPair, withIdxPart } from './idxDraft';

/** What the draft needs of the dataset store it is part of. */
export interface DatasetDraftDeps {
  readonly get: () => DatasetState;
  readonly set: (partial: Partial<DatasetState>) => void;
  readonly requests: DatasetRequests;
}

/** A draft the worker read whole without fault: what `commit` makes the project's dataset. */
export interface CheckedDraft {
  readonly ref: DatasetRef;
  readonly imports: Map<string, Blob>;
  readonly description: DatasetDescription;
}

/**
 * The draft of an import, from the files read into it to the checked dataset that `commit`
 * adopts. It never touches the project: a draft that fails a check leaves it as it was.
 */
export function datasetDraft({ get, set, requests }: DatasetDraftDeps) {
  /** Reads the folder draft open, as its options say, unless it changed meanwhile. */
  async function describeFolder(draft: FolderDraft): Promise<void> {
    const label = `Reading the images of ${baseName(draft.path)}`;
    const description = await requests.describe(folderRef(draft), draft.imports, label, true);
    if (description && get().draft === draft) set({ draft: { ...draft, description } });
  }

  /**
   * Starts a folder draft of `imports` (a folder's files under `path/`, or a .zip as `path`),
   * read at the size of its first image (at most the largest size allowed).
   */
  async function readFolder(path: string, imports: ReadonlyMap<string, Blob>): Promise<void> {
    const label = `Reading ${baseName(path)}`;
    const preview = await requests.run('preview-folder', { path, imports }, label, true);
    if (!preview) return;
    const first = preview.size;
    const side = (n: number) => Math.min(n, TRAINING_LIMITS.imageSize.max);
    const options: FolderOptions = first
      ? {
          ...FOLDER_DEFAULTS,
          size: [side(first.height), side(first.width)],
          channels: first.channels === 3 ? 3 : 1,
        }
      : FOLDER_DEFAULTS;
    const draft: FolderDraft = { format: 'folder', path, imports, ...options };
    set({ draft });
    await describeFolder(draft);
  }

  return {
    readFolder,

    /** The folder draft read again with `changes` to its options. */
    async setFolderOptions(changes: Partial<FolderOptions>): Promise<void> {
      const draft = get().draft;
      if (draft?.format !== 'folder') return;
      const { path, imports, size, channels, testSplit } = draft;
      // Without the description: it is of the folder read the old way.
      const next: FolderDraft = {
        format: 'folder',
        path,
        imports,
        size,
        channels,
        testSplit,
        ...changes,
      };
      set({ draft: next });
      await describeFolder(next);
    },

    /**
     * Previews each file into the draft (`path` is where it is on disk, when known): a CSV
     * or a .zip of images starts a new draft, an IDX file joins the IDX draft open, if any.
     */
    async read(files: readonly { file: File; path: string | undefined }[]): Promise<void> {
      for (const { file, path } of files) {
        if (file.name.toLowerCase().endsWith('.zip')) {
          const name = path ?? file.name;
          await readFolder(name, new Map([[name, file]]));
          continue;
        }
        const label = `Reading ${file.name}`;
        const preview = await requests.run('preview-file', { file, name: file.name }, label, true);
        if (!preview) return;
        const draft = get().draft;
        set({
          draft:
            preview.format === 'csv'
              ? csvDraft(file, file.name, preview.csv, undefined, path)
              : withIdxPart(draft?.format === 'idx' ? draft : undefined, {
                  file,
                  summary: preview.idx,
                  path,
                }),
        });
      }
      // A complete pair is read together at once: counts must match, labels name classes.
      const draft = get().draft;
      const pair = draft?.format === 'idx' ? idxPair(draft) : undefined;
      if (draft?.format !== 'idx' || !pair) return;
      const label = `Checking ${baseName(pair.ref.images)}`;
      const description = await requests.describe(pair.ref, pair.imports, label, true);
      if (description && get().draft === draft) set({ draft: { ...draft, description } });
    },

    /**
     * The draft open, checked; undefined when there is none, it has a problem (shown in
     * `error`), it failed to load, or it changed meanwhile.
     */
    async check(): Promise<CheckedDraft | undefined> {
      const draft = get().draft;
      if (draft?.format === 'folder') {
        // Read whole as its options say whenever they changed (`describeFolder`).
        const { description, imports } = draft;
        return description
          ? { ref: folderRef(draft), imports: new Map(imports), description }
          : undefined;
      }
      if (draft?.format === 'idx') {
        // The pair was read whole when its second file came (`read`).
        const pair = idxPair(draft);
        return pair && draft.description ? { ...pair, description: draft.description } : undefined;
      }
      if (!draft) return undefined;
      const problem = draftProblem(draft);
      if (problem) {
        set({ error: { message: problem, projectUnchanged: true } });
        return undefined;
      }
      // The worker reads every cell of the chosen columns: only data that loads is used.
      const ref = draftRef(draft);
      const imports = new Map([[ref.path, draft.file]]);
      const description = await requests.describe(ref, imports, `Checking ${draft.name}`, true);
      return description && get().draft === draft ? { ref, imports, description } : undefined;
    },
  };
}
