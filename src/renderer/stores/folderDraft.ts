import type { DatasetDescription, FolderRef } from '../../engine';

/** How an image folder is read: the size every image is made, grey or RGB, the test share. */
export interface FolderOptions {
  readonly size: readonly [number, number];
  readonly channels: 1 | 3;
  readonly testSplit: number;
}

/**
 * An image folder (or .zip) being imported: its files, how to read them, and the worker's
 * description of the folder read that way (undefined while it is being read again).
 */
export interface FolderDraft extends FolderOptions {
  readonly format: 'folder';
  /** What the project calls it: the folder's name, or the .zip's name (or path, when known). */
  readonly path: string;
  /** A folder's files by `path/class/file.png`, or the .zip by `path`. */
  readonly imports: ReadonlyMap<string, Blob>;
  readonly description?: DatasetDescription;
}

/** Until the first image is read: Fashion-MNIST's size, grey, no test split. */
export const FOLDER_DEFAULTS: FolderOptions = { size: [28, 28], channels: 1, testSplit: 0 };

/** The ref a folder draft commits: the test split only when there is one. */
export function folderRef(draft: FolderDraft): FolderRef {
  const { path, size, channels, testSplit } = draft;
  return {
    source: 'folder',
    path,
    size: [size[0], size[1]],
    channels,
    ...(testSplit > 0 ? { testSplit } : {}),
  };
}

/** True when `imports` holds the folder or .zip `path` (a folder's files sit under `path/`). */
export function holdsFolder(path: string, imports: ReadonlyMap<string, Blob>): boolean {
  if (imports.has(path)) return true;
  const prefix = `${path}/`;
  for (const key of imports.keys()) if (key.startsWith(prefix)) return true;
  return false;
}
