import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';

/**
 * Reads a small JSON file the app keeps in userData, or undefined when it is missing, not JSON
 * or not of the expected shape (someone edited it, an older version wrote it): the app then
 * starts from its defaults instead of failing.
 */
export function readJsonFile<T>(path: string, schema: z.ZodType<T>): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a small settings file whole or not at all (temporary file, then rename). Synchronous on
 * purpose: the window state is written while the app quits, when a pending promise may never run.
 */
export function writeJsonFile(path: string, value: unknown): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
    renameSync(temporary, path);
  } catch (err) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
    throw err;
  }
}
