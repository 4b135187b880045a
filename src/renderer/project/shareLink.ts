import { deflateSync, Inflate } from 'fflate';
import { type ParseResult, parseProject } from '../../shared/parseProject';
import type { Project } from '../../shared/project';

// A share link is the web app's address with the project in its fragment: `#project=` and the
// project file's JSON, raw-deflated (RFC 1951, by fflate, which the engine already uses for gzip
// and zip) and written in base64url (RFC 4648 §5). A fragment never reaches a server, so the
// project lives in the link alone.

/** What starts the fragment of a share link. */
export const SHARE_PREFIX = '#project=';

/**
 * The longest link the app writes, and the longest fragment it reads. Every lesson is well under
 * 1,000 characters; 8,000 is what chat apps, forums and learning platforms carry whole (Teams
 * takes about 28,000, Slack 40,000; address bars 32,000 and more).
 */
export const MAX_LINK_CHARS = 8_000;

/**
 * The most a link's project may unpack to. A link at its longest holds 6,000 compressed bytes,
 * and a project's JSON packs 2 to 20 times: 1 MiB leaves room, and stops a crafted link that
 * would inflate a thousandfold (deflate's limit) before it takes the tab's memory.
 */
export const MAX_PROJECT_BYTES = 1 << 20;

/**
 * Compressed bytes inflated at a time: deflate expands at most about 1,032 times, so one slice
 * makes at most about 1 MiB, and a bomb is stopped one slice past the limit.
 */
const SLICE = 1024;

const num = (n: number) => n.toLocaleString('en-US');

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The project as a link carries it: the file's sections without the run history (`runs`) and
 * without a hand-in's claim (`run`), which are one student's, not the lesson's. The assignment
 * stays: a teacher shares an assignment by link.
 */
export function sharedPart(project: Project): Project {
  const { runs: _runs, run: _run, ...lesson } = project;
  return lesson;
}

function linkOf(project: Project, page: string): string {
  const json = new TextEncoder().encode(JSON.stringify(project));
  return `${page}${SHARE_PREFIX}${toBase64Url(deflateSync(json, { level: 9 }))}`;
}

/** A link to share, or why there is none. */
export type ShareLink =
  | { ok: true; link: string; weightsLeftOut: boolean }
  | { ok: false; error: string };

/**
 * The link that opens `project` in the web app at `page` (its address; a fragment there is
 * dropped). Initial weights go in while the link stays within MAX_LINK_CHARS; a trained model's
 * would make it hundreds of kilobytes, so then they are left out (`weightsLeftOut`) and the
 * link's project starts from its seed's weights. A project too long even so has no link.
 */
export function shareLink(project: Project, page: string): ShareLink {
  const base = page.split('#')[0] ?? page;
  const lesson = sharedPart(project);
  const whole = linkOf(lesson, base);
  if (whole.length <= MAX_LINK_CHARS) return { ok: true, link: whole, weightsLeftOut: false };
  const { weights, ...seeded } = lesson;
  const link = linkOf(seeded, base);
  if (weights && link.length <= MAX_LINK_CHARS) return { ok: true, link, weightsLeftOut: true };
  return {
    ok: false,
    error: `its link would be ${num(link.length)} characters long, more than the ${num(MAX_LINK_CHARS)} that chat apps and forums carry whole. Save the project and share its file instead`,
  };
}

/** The unpacked bytes of a link's payload, within MAX_PROJECT_BYTES; or why not. */
function inflated(packed: Uint8Array): ParseResult<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  let tooBig = false;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size > MAX_PROJECT_BYTES) tooBig = true;
    else parts.push(chunk);
  });
  try {
    for (let at = 0; at < packed.length && !tooBig; at += SLICE) {
      const end = at + SLICE;
      inflate.push(packed.subarray(at, end), end >= packed.length);
    }
  } catch {
    return { ok: false, error: 'it is cut short or changed. Copy the whole link again' };
  }
  if (tooBig) {
    return {
      ok: false,
      error: `it unpacks to more than ${num(MAX_PROJECT_BYTES)} bytes, more than a shared project holds`,
    };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { ok: true, value: bytes };
}

/**
 * The project a page's fragment (`location.hash`) shares, validated as a project file is; or why
 * it cannot be opened. Undefined when the fragment is not a share link at all. Nothing in it is
 * run: it is data, checked by the project schema, and its size is bounded before and after
 * unpacking. A run history or a hand-in in a crafted link is dropped, as the app never writes one.
 */
export function readShareFragment(hash: string): ParseResult<Project> | undefined {
  if (!hash.startsWith(SHARE_PREFIX)) return undefined;
  const payload = hash.slice(SHARE_PREFIX.length);
  if (payload.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      error: `it is ${num(payload.length)} characters long, longer than any share link Layerboard writes`,
    };
  }
  const packed = fromBase64Url(payload);
  if (!packed || packed.length === 0) {
    return { ok: false, error: 'it is cut short or changed. Copy the whole link again' };
  }
  const bytes = inflated(packed);
  if (!bytes.ok) return bytes;
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.value));
  } catch {
    return { ok: false, error: 'it is cut short or changed. Copy the whole link again' };
  }
  const result = parseProject(raw);
  if (!result.ok) return { ok: false, error: `the project in it is not valid: ${result.error}` };
  return { ok: true, value: sharedPart(result.value) };
}
