import type { DatasetRef } from '../../shared/project';

/**
 * The paths a project's dataset names, as the renderer handles them without `node:path` (it may
 * hold Windows or POSIX paths). In the project file a relative path is relative to the project
 * file's folder (docs/DESIGN.md, "Project file"); in memory, where the folder is known (Electron),
 * the app holds absolute paths, so that Save As elsewhere still finds the data.
 */

/** `/a/b`, `C:\a`, `C:/a` or `\\server\share`: a path that names the same file from anywhere. */
export function isAbsolutePath(path: string): boolean {
  return /^(?:[A-Za-z]:[\\/]|[\\/])/.test(path);
}

/** The folder a file is in, without the trailing separator: `/p` for `/p/a.json`. */
export function folderOf(path: string): string {
  const end = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return end <= 0 ? path.slice(0, end + 1) : path.slice(0, end);
}

/** Windows paths compare without case; POSIX ones with it. */
const isWindowsPath = (path: string) => /^(?:[A-Za-z]:|\\\\)/.test(path);

/**
 * `path` as an absolute path, a relative one taken from the folder of `projectPath`; `.` and `..`
 * are resolved, and the result uses the project path's separator. Undefined when `path` is
 * relative and there is no project path to resolve it from (a browser, an unsaved project).
 */
export function resolveDataPath(path: string, projectPath: string | undefined): string | undefined {
  if (isAbsolutePath(path)) return path;
  if (!projectPath) return undefined;
  const sep = isWindowsPath(projectPath) ? '\\' : '/';
  const parts = folderOf(projectPath)
    .replace(/[\\/]+$/, '')
    .split(/[\\/]/);
  for (const part of path.split(/[\\/]/)) {
    if (part === '..' && parts.length > 1) parts.pop();
    else if (part !== '.' && part !== '' && part !== '..') parts.push(part);
  }
  return parts.length === 1 ? `${parts[0]}${sep}` : parts.join(sep);
}

/**
 * How the project file at `projectPath` names the data file at `path`: relative (with `/`, which
 * every system reads) when the data sits in the project's folder or below it, else as it is, so
 * the project still finds it where it was.
 */
export function relativeDataPath(path: string, projectPath: string | undefined): string {
  if (!projectPath || !isAbsolutePath(path)) return path;
  const folder = folderOf(projectPath).replace(/[\\/]+$/, '');
  const head = path.slice(0, folder.length);
  const inFolder = isWindowsPath(path)
    ? head.toLowerCase() === folder.toLowerCase()
    : head === folder;
  if (!inFolder || !/[\\/]/.test(path.charAt(folder.length))) return path;
  return path.slice(folder.length + 1).replace(/\\/g, '/');
}

/** The files a dataset reads, as its ref names them (an image folder, or its .zip): none for a built-in. */
export function dataFiles(ref: DatasetRef): string[] {
  if (ref.source === 'csv' || ref.source === 'folder') return [ref.path];
  if (ref.source === 'idx') return [ref.images, ref.labels];
  return [];
}

/** The ref with every file path passed through `map` (the columns and the rest unchanged). */
export function mapDataPaths(ref: DatasetRef, map: (path: string) => string): DatasetRef {
  if (ref.source === 'csv' || ref.source === 'folder') return { ...ref, path: map(ref.path) };
  if (ref.source === 'idx') return { ...ref, images: map(ref.images), labels: map(ref.labels) };
  return ref;
}
