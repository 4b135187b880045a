import type { StoreApi } from 'zustand/vanilla';
import type { DatasetDescription } from '../../engine';
import { baseName } from '../../shared/fileKinds';
import type { DatasetRef } from '../../shared/project';
import { dataFiles, isAbsolutePath, mapDataPaths } from '../project/dataPaths';
import type { FileKeeper } from '../project/keptFiles';
import type { DatasetState, ReadPath, UnreadFile } from './datasetState';
import { holdsFolder } from './folderDraft';
import type { ProjectState } from './projectStore';

/** A dataset ref as a string, to tell whether a description is of the project's dataset. */
export const refKey = (ref: DatasetRef): string => JSON.stringify(ref);

const imported = (path: string, imports: ReadonlyMap<string, Blob>) =>
  imports.has(baseName(path)) || holdsFolder(path, imports);

/** The files a ref reads that were not imported (by the path the ref gives, or by name). */
export function missingFiles(ref: DatasetRef, imports: ReadonlyMap<string, Blob>): string[] {
  return dataFiles(ref).filter((path) => !imported(path, imports));
}

/** True when every file a ref reads was imported. */
export function hasFiles(ref: DatasetRef, imports: ReadonlyMap<string, Blob>): boolean {
  return missingFiles(ref, imports).length === 0;
}

/** What the project's data needs of the dataset store it is part of. */
export interface ProjectDataDeps {
  readonly project: StoreApi<ProjectState>;
  readonly get: () => DatasetState;
  readonly set: (partial: Partial<DatasetState>) => void;
  /** The worker's description of `ref` read from `imports` (undefined: error shown, or overtaken). */
  readonly describe: (
    ref: DatasetRef,
    imports: ReadonlyMap<string, Blob>,
    label: string,
  ) => Promise<DatasetDescription | undefined>;
  /** Where files imported in an earlier session were kept (the browser's storage). */
  readonly keeper?: FileKeeper;
  /** Keeps the project's files found, for the next session. */
  readonly kept: (files: ReadonlyMap<string, Blob>) => Promise<void>;
}

/**
 * The files of the dataset a project names, found again after it is opened: read from disk by
 * path where the platform can, or imported by the user under the same name. Either way they are
 * the project's files, not a new import: its columns and initial weights stay.
 */
export function projectData({ project, get, set, describe, keeper, kept }: ProjectDataDeps) {
  let reading: string | undefined;
  /** Files chosen for `ref` from elsewhere on disk (ref path -> their path), for `supply`. */
  let moved = { ref: undefined as DatasetRef | undefined, to: new Map<string, string>() };

  /**
   * The compile takes an imported dataset's shape from the project, which forgets it when a
   * project is opened: the description of its files has it.
   */
  function knowShape(ref: DatasetRef, description: DatasetDescription | undefined): void {
    const info = description?.dataShape;
    if (ref.source === 'builtin' || !info || project.getState().importedShape === info) return;
    project.getState().foundDataFiles(info);
  }

  /**
   * Uses `found` as the project's dataset files, by the paths its ref gives them. Once all are
   * there the worker reads them whole, and only data that loads is used; files chosen from
   * elsewhere on disk then move the ref's paths there.
   */
  async function supply(found: ReadonlyMap<string, Blob>): Promise<void> {
    const ref = project.getState().dataset;
    const imports = new Map([...get().imports, ...found]);
    if (!hasFiles(ref, imports)) return set({ imports });
    const description = await describe(
      ref,
      imports,
      `Checking ${dataFiles(ref).map(baseName).join(' and ')}`,
    );
    const now = project.getState().dataset;
    if (!description || refKey(now) !== refKey(ref)) return;
    const to = moved.ref === ref ? moved.to : new Map<string, string>();
    const at = (path: string) => to.get(path) ?? path;
    moved = { ref: undefined, to: new Map() };
    // The project's files only, by the paths it now gives them: an earlier project's go.
    const files = new Map<string, Blob>();
    for (const path of dataFiles(ref)) {
      const blob = imports.get(path) ?? imports.get(baseName(path));
      if (blob) files.set(at(path), blob);
    }
    // The same ref unless a file moved: a new ref object means another dataset to the app.
    const used = to.size > 0 ? mapDataPaths(now, at) : now;
    project.getState().foundDataFiles(description.dataShape, used === now ? undefined : used);
    set({
      imports: files,
      file: files.values().next().value,
      description,
      describedRef: refKey(used),
      unread: [],
    });
    await kept(files);
  }

  /** The project's missing files that were kept in the browser's storage, by the ref's paths. */
  async function findKept(ref: DatasetRef): Promise<Map<string, Blob>> {
    const found = new Map<string, Blob>();
    if (!keeper) return found;
    for (const path of missingFiles(ref, get().imports)) {
      const blob = (await keeper.find(path)) ?? (await keeper.find(baseName(path)));
      if (blob) found.set(path, blob);
    }
    return found;
  }

  return {
    knowShape,

    supply,

    /**
     * Takes each file whose name is one the project's dataset lacks as that file (`paths[i]` is
     * where `files[i]` is on disk, when known): those `found`, by ref path, for `supply`; the
     * `others` are a new import.
     */
    claim(files: readonly File[], paths: readonly (string | undefined)[]) {
      const ref = project.getState().dataset;
      const wanted = missingFiles(ref, get().imports);
      const found = new Map<string, Blob>();
      const others: { file: File; path: string | undefined }[] = [];
      for (const [i, file] of files.entries()) {
        const path = paths[i];
        const slot = wanted.find((p) => baseName(p) === file.name && !found.has(p));
        if (!slot) {
          others.push({ file, path });
          continue;
        }
        found.set(slot, file);
        if (moved.ref !== ref) moved = { ref, to: new Map() };
        if (path && path !== slot) moved.to.set(slot, path);
      }
      return { found, others };
    },

    /**
     * Finds the project's missing files among those kept in the browser's storage, then reads
     * the rest by path with `read`, where it can: what fails is listed in `unread`, what is found
     * or read is used as by `supply`.
     */
    async readMissing(read: ReadPath | undefined): Promise<void> {
      const ref = project.getState().dataset;
      const key = refKey(ref);
      if (ref.source === 'folder' && keeper && !hasFiles(ref, get().imports)) {
        // An image folder kept file by file: its files are the project's as they are.
        const folder = await keeper.findUnder(ref.path);
        // Meanwhile the files may have come another way (an import made this the dataset).
        if (folder.size === 0 || refKey(project.getState().dataset) !== key) return;
        if (hasFiles(ref, get().imports)) return;
        set({ imports: folder, file: undefined, unread: [] });
        const description = await describe(ref, folder, `Checking ${baseName(ref.path)}`);
        if (!description || refKey(project.getState().dataset) !== key) return;
        set({ description, describedRef: key });
        knowShape(ref, description);
        return;
      }
      const keptFiles = await findKept(ref);
      if (refKey(project.getState().dataset) !== key) return;
      if (keptFiles.size > 0 && !hasFiles(ref, get().imports)) await supply(keptFiles);
      // A relative path has no folder to be read from (a browser, a project never saved).
      const readable = missingFiles(ref, get().imports).filter(isAbsolutePath);
      if (!read || readable.length === 0 || reading === key) return;
      reading = key;
      const label = `Reading ${readable.map(baseName).join(' and ')}`;
      set({ progress: { label, read: 0 } });
      const found = new Map<string, Blob>();
      const unread: UnreadFile[] = [];
      for (const path of readable) {
        try {
          found.set(path, await read(path));
        } catch (err) {
          unread.push({ path, reason: (err as Error).message });
        }
      }
      if (reading === key) reading = undefined;
      if (get().progress?.label === label) set({ progress: undefined });
      if (refKey(project.getState().dataset) !== key) return;
      set({ error: undefined, unread });
      if (found.size > 0) await supply(found);
    },
  };
}
