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

/** A value as a message shows it: `null`, `"12"`, `a list`, `an object`, `nothing`. */
export function valueText(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** zod's name of a type, as a sentence says it. */
const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text in quotes',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** What is wrong with a field, in words (zod's own text, "Invalid input: ...", says it for coders). */
function issueText(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (input === undefined) return `missing: expected ${expected}`;
      return `expected ${expected} but found ${valueText(input)}`;
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      const expected = values.length > 2 ? `one of ${values.join(', ')}` : values.join(' or ');
      if (input === undefined) return `missing: expected ${expected}`;
      return `expected ${expected} but found ${valueText(input)}`;
    }
    case 'invalid_union': {
      const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
      if (discriminator === undefined || !options) return issue.message;
      const found = (input as Record<string, unknown> | undefined)?.[discriminator];
      return `expected one of ${options.map((o) => JSON.stringify(o)).join(', ')} but found ${valueText(found)}`;
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      if (issue.origin === 'array' || issue.origin === 'string') {
        const what = issue.origin === 'array' ? 'item' : 'character';
        return `expected ${small ? 'at least' : 'at most'} ${bound} ${what}${bound === 1 ? '' : 's'}`;
      }
      const limit = small
        ? issue.inclusive
          ? 'at least'
          : 'above'
        : issue.inclusive
          ? 'at most'
          : 'below';
      return `expected a number ${limit} ${bound} but found ${valueText(input)}`;
    }
    default:
      return issue.message;
  }
}

/** One readable line for the first problem zod found: the field, then what is wrong with it. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the file does not have the expected shape';
  return `${formatPath(issue.path)}: ${issueText(issue)}`;
}

/**
 * A JSON.parse message without the text it quotes: that text may be the bytes of an image or
 * an archive given by mistake, which a terminal would print as garbage (or obey as escapes).
 */
function jsonErrorText(message: string): string {
  return message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
  if (record.format === 'layerboard/model') {
    return {
      ok: false,
      error: `format: expected "${PROJECT_FORMAT}" but found "layerboard/model": this is not a Layerboard project but a model file (predict, eval and export take those); give the project file (*.layerboard.json) it was trained from`,
    };
  }
  if (record.format !== PROJECT_FORMAT) {
    return {
      ok: false,
      error: `format: expected "${PROJECT_FORMAT}" but found ${valueText(record.format)}: this is not a Layerboard project; give a project file (*.layerboard.json), as the app saves it`,
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
  const result = projectSchema.safeParse(migrate(record), { reportInput: true });
  if (!result.success) return { ok: false, error: describeIssues(result.error) };
  return { ok: true, value: result.data };
}

/** Parses project text (JSON) and validates it. */
export function parseProjectText(text: string): ParseResult<Project> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not valid JSON (${jsonErrorText((err as Error).message)})` };
  }
  return parseProject(raw);
}
