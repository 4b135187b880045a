import { randomBytes } from 'node:crypto';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Largest file the renderer may read: Fashion-MNIST's training images are 47 MB unpacked. */
export const MAX_READ_BYTES = 512 * 1024 * 1024;

/** Reads a file the renderer asked for, refusing folders, missing files and huge files clearly. */
export async function readUserFile(path: string, maxBytes = MAX_READ_BYTES): Promise<Uint8Array> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new Error(`${path} does not exist`);
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  if (info.size > maxBytes) {
    throw new Error(`${path} is ${info.size} bytes, more than the ${maxBytes} this app reads`);
  }
  return new Uint8Array(await readFile(path));
}

/**
 * Writes a file so that it is either wholly the old or wholly the new content: the data goes to
 * a temporary file beside it, which is then renamed over the target (atomic on one file system).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (err) {
    await unlink(temporary).catch(() => undefined);
    throw err;
  }
}
