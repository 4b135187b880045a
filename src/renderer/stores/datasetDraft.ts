import type { DatasetDescription } from '../../engine';
import { baseName } from '../../shared/fileKinds';
import type { DatasetRef } from '../../shared/project';
import { csvDraft, draftProblem, draftRef } from './csvDraft';
import type { DatasetRequests } from './datasetRequests';
import type { DatasetState } from './datasetState';
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
  return {
    /**
     * Previews each file into the draft (`path` is where it is on disk, when known): a CSV
     * starts a new draft, an IDX file joins the IDX draft open, if any.
     */
    async read(files: readonly { file: File; path: string | undefined }[]): Promise<void> {
      for (const { file, path } of files) {
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
