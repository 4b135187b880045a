import { existsSync, realpathSync, rmSync, statSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { nodeFileSource } from '../engine/data/nodeFiles.node.ts';
import { binaryKind } from '../engine/data/textDecode';
import { InputError } from '../engine/errors';
import type { ModelFile } from '../engine/export/modelFile';
import { readModelFile } from '../engine/export/modelFileRead';
import { parseProjectText } from '../shared/parseProject';
import type { Project } from '../shared/project';

/** What each kind of file the commands read is, for messages that say what to give instead. */
const KINDS = {
  project: { what: 'project file', give: 'give a project file (*.layerboard.json)' },
  model: {
    what: 'model file',
    give: 'give a model file (*.model.json), as layerboard train writes it',
  },
} as const;

type FileKind = keyof typeof KINDS;

/** A file that cannot be read, in words, with what to do. */
function readError(path: string, kind: FileKind, err: unknown): InputError {
  const { what } = KINDS[kind];
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(`cannot find the ${what} "${path}": check the path`);
  if (code === 'EISDIR') return new InputError(`"${path}" is a folder: give the ${what} inside it`);
  return new InputError(`cannot read the ${what} "${path}" (${(err as Error).message})`);
}

/**
 * A text file, or an InputError saying why it cannot be read, or what the file seems to be when
 * it is not text (an image, an archive), and what to give instead.
 */
export async function readTextFile(path: string, kind: FileKind): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw readError(path, kind, err);
  }
  const seems = binaryKind(bytes.subarray(0, 16));
  if (seems) {
    throw new InputError(
      `"${path}" looks like ${seems}, not a ${KINDS[kind].what}: ${KINDS[kind].give}`,
    );
  }
  // A byte-order mark, as Windows editors write one, is not part of the text.
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** A project file, read and validated; errors name the file and the field. */
export async function readProject(path: string): Promise<Project> {
  const result = parseProjectText(await readTextFile(path, 'project'));
  if (!result.ok) throw new InputError(`${path}: ${result.error}`);
  return result.value;
}

/**
 * A model file, read as a stream (any size) and checked whole (parseModelFile): what `predict`,
 * `eval` and `export` read. Errors name the file and the field.
 */
export async function readModel(path: string): Promise<ModelFile> {
  let folder: boolean;
  try {
    folder = statSync(path).isDirectory();
  } catch (err) {
    throw readError(path, 'model', err);
  }
  if (folder) throw readError(path, 'model', { code: 'EISDIR' });
  return readModelFile(nodeFileSource(resolve(path), path));
}

/** `crops.layerboard.json` -> `crops.model.json`, beside the project. */
export function defaultModelPath(projectPath: string): string {
  const name = basename(projectPath).replace(/(\.layerboard)?\.json$/i, '');
  return join(dirname(projectPath), `${name}.model.json`);
}

/** A file the command reads, which `--out` must not name. */
export interface InputFile {
  readonly path: string;
  /** What it is, for the message: `the project file`, `its CSV file`. */
  readonly what: string;
}

/** The file itself, whatever path leads to it: its real path, or its device and inode. */
function identity(path: string): string {
  try {
    const { dev, ino } = statSync(path);
    return `inode ${dev}:${ino}`;
  } catch {
    // Not there yet: the real path of its folder, and its name.
    try {
      return `path ${join(realpathSync.native(dirname(path)), basename(path))}`;
    } catch {
      return `path ${resolve(path)}`;
    }
  }
}

/**
 * Fails early (before any work) when `path` could not be written, or names one of the command's
 * inputs: writing it would destroy the project, its data or the model being read. Paths are
 * compared as files (device and inode, or real paths), so `./a/../a.json`, a symbolic link and a
 * hard link all count.
 */
export function checkOutput(path: string, option: string, inputs: readonly InputFile[]): void {
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
  const target = identity(path);
  const input = inputs.find((file) => identity(file.path) === target);
  if (input) {
    throw new InputError(
      `${option} ${path}: this is ${input.what}, which the command reads: writing there would destroy it, so give another file name`,
    );
  }
}

/** Temporary files being written, removed by whatever ends the process (removeTemporaryFiles). */
const temporaries = new Set<string>();

/**
 * Removes every temporary file still being written: main.ts calls it on Ctrl-C and at exit, so
 * that no half-written hidden file is left behind.
 */
export function removeTemporaryFiles(): void {
  for (const path of temporaries) rmSync(path, { force: true });
  temporaries.clear();
}

/** Bytes gathered before each write: pieces of a model file are small, writes should not be. */
const WRITE_BATCH = 1 << 20;

/**
 * Writes a whole file or nothing: its pieces (text or bytes, in order) go to a hidden temporary
 * file beside the target, which is then renamed over it. The temporary file is removed on every
 * way out: an error while writing, Ctrl-C, or the process ending (removeTemporaryFiles).
 *
 * @example
 * await writeFileAtomic('crops.model.json', modelFilePieces(file));
 */
export async function writeFileAtomic(
  path: string,
  pieces: Iterable<string | Uint8Array>,
): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  temporaries.add(temporary);
  try {
    const handle = await open(temporary, 'w');
    try {
      let batch: (string | Uint8Array)[] = [];
      let size = 0;
      const flush = async () => {
        const bytes = batch.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
        batch = [];
        size = 0;
        await handle.write(Buffer.concat(bytes));
      };
      for (const piece of pieces) {
        batch.push(piece);
        size += piece.length;
        if (size >= WRITE_BATCH) await flush();
      }
      await flush();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    // The file system's refusals (a full disk, no permission) are the user's to fix; anything
    // else thrown while making the pieces keeps its own message.
    if (typeof (err as NodeJS.ErrnoException).code !== 'string') throw err;
    throw new InputError(`cannot write "${path}" (${(err as Error).message})`);
  } finally {
    temporaries.delete(temporary);
  }
}
