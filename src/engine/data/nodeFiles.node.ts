import { createReadStream, existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors';
import type { DataFiles, DataSource, FolderEntry } from './source';

/** Bytes per read: large enough for speed, small enough that a 100 MB file streams. */
const READ_CHUNK = 1 << 20;

/** A message for a file that cannot be read, by the reason Node gives. */
function readError(name: string, path: string, err: NodeJS.ErrnoException): InputError {
  switch (err.code) {
    case 'ENOENT':
      return new InputError(
        `cannot find "${name}" (looked for ${path}). Check the file's name and folder in the project (a relative path starts at the project file's folder), or put the file back`,
      );
    case 'ENOTDIR':
      return new InputError(
        `"${name}" is a file (${path}), not a folder. Name the folder that holds the class subfolders, or a .zip of it`,
      );
    case 'EISDIR':
      return new InputError(`"${name}" is a folder (${path}), not a file. Name a file inside it`);
    case 'EACCES':
    case 'EPERM':
      return new InputError(
        `"${name}" cannot be read (${path}: permission denied). Allow reading it, or copy it somewhere readable`,
      );
    default:
      return new InputError(`"${name}" cannot be read (${path}: ${err.message})`);
  }
}

/**
 * A file on disk as a source, read with a Node stream in 1 MB chunks. `name` is what messages
 * call it (the path as the project writes it); a missing file is an InputError.
 *
 * @example
 * const preview = await previewCsv(nodeFileSource('data/houses.csv'));
 */
export function nodeFileSource(path: string, name: string = path): DataSource {
  return {
    name,
    async *chunks() {
      const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
      try {
        for await (const chunk of stream) yield chunk as Buffer;
      } catch (err) {
        throw readError(name, path, err as NodeJS.ErrnoException);
      } finally {
        stream.destroy();
      }
    },
  };
}

/**
 * Everything under a folder on disk, at any depth, relative to it with `/` between names (on
 * Windows too).
 */
export async function listFolder(dir: string, name: string = dir): Promise<FolderEntry[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.map((entry) => ({
      path: relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'),
      kind: entry.isDirectory() ? 'folder' : 'file',
    }));
  } catch (err) {
    throw readError(name, dir, err as NodeJS.ErrnoException);
  }
}

/**
 * The folder of the built-in datasets, `resources/datasets`, found by walking up from this file
 * (so it works from the sources under tsx and from a bundle in `out/`).
 */
export function builtinDatasetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources', 'datasets');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new InputError(
        'cannot find the built-in datasets (the folder resources/datasets of Layerboard). Reinstall Layerboard',
      );
    }
    dir = parent;
  }
}

/**
 * The files of a project on disk: relative paths resolve against `projectDir` (the project file's
 * folder), built-ins against `resources/datasets`.
 */
export function nodeFiles(projectDir: string): DataFiles {
  return {
    open: (path) => nodeFileSource(resolve(projectDir, path), path),
    list: (path) => listFolder(resolve(projectDir, path), path),
    builtin: (file) => nodeFileSource(join(builtinDatasetsDir(), file), file),
  };
}
