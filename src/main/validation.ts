import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { EDIT_ACTIONS } from '../shared/ipc';

/**
 * Schemas for every argument the renderer sends. The renderer is treated as untrusted (Electron's
 * security checklist, "validate the sender and the arguments of all IPC messages"): a bad argument
 * is refused with a message, never acted on.
 */

/** Largest file the renderer may write: a model export of a few million parameters fits easily. */
export const MAX_SAVE_BYTES = 256 * 1024 * 1024;

/** No NUL bytes, which some file APIs treat as the end of the path. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\0'), 'must not contain NUL characters');

export const absolutePath = text(4096).refine(isAbsolute, 'must be an absolute path');

const filter = z.object({
  name: text(100),
  // `layerboard.json`, `csv`, or `*` for any file: dialog patterns, never paths.
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)$/))
    .min(1)
    .max(20),
});

export const openDialogRequest = z.object({
  title: text(200),
  filters: z.array(filter).max(10),
});

const byteLength = (data: string | Uint8Array) =>
  typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;

export const saveFileRequest = z.object({
  title: text(200),
  // A name, not a path: the dialog decides the folder.
  suggestedName: text(255).refine(
    (s) => s.length > 0 && !/[\\/]/.test(s) && s !== '.' && s !== '..',
    'must be a file name without folders',
  ),
  filters: z.array(filter).max(10),
  data: z
    .union([z.string(), z.instanceof(Uint8Array)])
    .refine((d) => byteLength(d) <= MAX_SAVE_BYTES, `must be at most ${MAX_SAVE_BYTES} bytes`),
  path: absolutePath.optional(),
});

/** Command ids as src/shared/menu.ts spells them. */
export const commandIds = z.array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/)).max(200);

export const editAction = z.enum(EDIT_ACTIONS);

export const projectName = text(300);

/** Parses `value` with `schema`, or throws an error naming the channel and the bad field. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, channel: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'argument';
  throw new Error(`${channel}: ${where} ${issue?.message ?? 'is invalid'}`);
}
