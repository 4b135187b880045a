import { existsSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../engine/errors';
import { parseProjectText } from '../shared/parseProject';
import type { Project } from '../shared/project';

/** A text file, or an InputError saying why it cannot be read and what to do. */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError(`cannot find the ${what} "${path}": check the path`);
    if (code === 'EISDIR')
      throw new InputError(`"${path}" is a folder: give the ${what} file inside it`);
    throw new InputError(`cannot read the ${what} "${path}" (${(err as Error).message})`);
  }
}

/** A project file, read and validated; errors name the file and the field. */
export async function readProject(path: string): Promise<Project> {
  const result = parseProjectText(await readTextFile(path, 'project file'));
  if (!result.ok) throw new InputError(`${path}: ${result.error}`);
  return result.value;
}

/** `crops.layerboard.json` -> `crops.model.json`, beside the project. */
export function defaultModelPath(projectPath: string): string {
  const name = basename(projectPath).replace(/(\.layerboard)?\.json$/i, '');
  return join(dirname(projectPath), `${name}.model.json`);
}

/** Fails early (before training) when a file could not be written to `path`. */
export function checkWritable(path: string, option: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(
      `${option} ${path}: the folder "${dir}" does not exist: create it or choose another path`,
    );
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new InputError(
      `${option} ${path}: this is a folder: give a file name such as ${join(path, 'model.json')}`,
    );
  }
}

/** Writes a whole file or nothing: to a temporary file first, then renamed over the target. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw new InputError(`cannot write "${path}" (${(err as Error).message})`);
  }
}
