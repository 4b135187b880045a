import { baseName } from '../../../shared/fileKinds';
import { READ_REFUSED } from '../../../shared/ipc';
import type { DatasetRef } from '../../../shared/project';
import { folderOf } from '../../project/dataPaths';
import type { UnreadFile } from '../../stores/datasetState';

/** `a`, `a and b`, `a, b and c`. */
export function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What a dataset learns, for a reminder of what the missing file held. */
export function datasetSummary(ref: DatasetRef): string {
  if (ref.source === 'csv') {
    const learns = ref.task === 'classification' ? 'the class in' : 'the numbers in';
    return `${listed(ref.features)} to predict ${learns} ${listed(ref.targets)}`;
  }
  if (ref.source === 'idx') return 'images with their labels';
  if (ref.source === 'folder') return 'images in a subfolder per class';
  return ref.name;
}

/** Why a file could not be read, without the path main repeats: `does not exist`. */
export function unreadReason({ path, reason }: UnreadFile): string {
  return reason.startsWith(`${path} `) ? reason.slice(path.length + 1) : reason;
}

/**
 * Where to put files back so the project finds them: beside the project file when they were
 * (the usual case: a project and its data in one folder), else the folder they were in.
 */
export function whereToPut(paths: readonly string[], projectPath: string | undefined): string {
  const folders = [...new Set(paths.map(folderOf))];
  const them = paths.length === 1 ? 'it' : 'them';
  if (projectPath && folders.length === 1 && folders[0] === folderOf(projectPath)) {
    return `put ${them} next to the project`;
  }
  return `put ${them} back in ${listed(folders)}`;
}

/**
 * Whether main refused to read every file (the desktop app reads only files the user opened or
 * imported): its reasons say to import them, and looking again on disk cannot help.
 */
export function refused(unread: readonly UnreadFile[]): boolean {
  return unread.length > 0 && unread.every((u) => u.reason.includes(READ_REFUSED));
}

/**
 * What to do about missing files, as a sentence: import them, or put them back and look again
 * (undefined when main refused them: its reasons say what to do).
 */
export function missingAdvice(
  missing: readonly string[],
  unread: readonly UnreadFile[],
  projectPath: string | undefined,
): string | undefined {
  const importThem = `Import ${listed(missing.map(baseName))}`;
  if (unread.length === 0) {
    return `${importThem} to see the data and to train on it: a project keeps the names of its files, not their data.`;
  }
  if (refused(unread)) return undefined;
  const put = whereToPut(
    unread.map((u) => u.path),
    projectPath,
  );
  return `${importThem} again, or ${put} and choose Look again.`;
}
