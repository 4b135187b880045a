import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileKind } from '../shared/fileKinds';

/**
 * The files to open from a command line: `layerboard lesson.layerboard.json` or a second launch
 * (Electron hands the first instance the second one's argv and working directory). Options,
 * the executable, the app folder (`electron .`) and anything that is not an existing project,
 * CSV or IDX file are skipped.
 */
export function filesFromArgv(
  argv: readonly string[],
  cwd: string,
  isFile: (path: string) => boolean = (p) =>
    statSync(p, { throwIfNoEntry: false })?.isFile() ?? false,
): string[] {
  const paths = argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && fileKind(arg) !== undefined)
    .map((arg) => resolve(cwd, arg));
  return [...new Set(paths)].filter(isFile);
}
