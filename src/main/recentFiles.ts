import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './jsonFile';

/** How many projects File > Open Recent lists. */
export const MAX_RECENT = 10;

const recentSchema = z.object({
  version: z.literal(1),
  files: z.array(z.string()).max(1000),
});

/** `path` first, without duplicates, at most MAX_RECENT long. */
export function withRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, MAX_RECENT);
}

export function withoutRecent(list: readonly string[], path: string): string[] {
  return list.filter((p) => p !== path);
}

/**
 * The recent files kept in `file`, keeping only absolute paths that still exist (a project moved
 * or deleted since drops out of the menu rather than failing when chosen).
 */
export function loadRecent(file: string, exists: (path: string) => boolean = existsSync): string[] {
  const saved = readJsonFile(file, recentSchema);
  if (!saved) return [];
  const unique = [...new Set(saved.files)].filter((p) => isAbsolute(p) && exists(p));
  return unique.slice(0, MAX_RECENT);
}

export function saveRecent(file: string, list: readonly string[]): void {
  writeJsonFile(file, { version: 1, files: list });
}

/** Projects go in the list; model exports (`*.model.json`) and data files do not. */
export function isRecentCandidate(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.json') && !lower.endsWith('.model.json');
}
