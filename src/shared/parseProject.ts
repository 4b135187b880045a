import type { z } from 'zod';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project, projectSchema } from './project';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** `graph.nodes[2].kind` from zod's path `['graph', 'nodes', 2, 'kind']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(top level)';
}

/** One readable line for the first problem zod found: the field, then what is wrong with it. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the file does not have the expected shape';
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/**
 * Upgrades older project files to the current version. Version 1 is the first, so there is
 * nothing to migrate yet; each future version adds one step `n -> n + 1` here.
 */
function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  return raw;
}

/** Validates (and migrates) a parsed project file, with a message naming the bad field. */
export function parseProject(raw: unknown): ParseResult<Project> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: 'a project file must hold a JSON object' };
  }
  const record = raw as Record<string, unknown>;
  if (record.format !== PROJECT_FORMAT) {
    return {
      ok: false,
      error: `format: expected "${PROJECT_FORMAT}" but found ${JSON.stringify(record.format)}: this is not a Layerboard project`,
    };
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: 'version: expected a whole number of 1 or more' };
  }
  if (version > PROJECT_VERSION) {
    return {
      ok: false,
      error: `version: this project was saved by a newer Layerboard (version ${version}; this one reads up to ${PROJECT_VERSION}): update Layerboard to open it`,
    };
  }
  const result = projectSchema.safeParse(migrate(record));
  if (!result.success) return { ok: false, error: describeIssues(result.error) };
  return { ok: true, value: result.data };
}

/** Parses project text (JSON) and validates it. */
export function parseProjectText(text: string): ParseResult<Project> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not valid JSON (${(err as Error).message})` };
  }
  return parseProject(raw);
}
