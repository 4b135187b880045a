import { normalize, resolve, sep } from 'node:path';

/**
 * The renderer is served from `app://layerboard/`, a standard, secure scheme of our own rather
 * than file://: there `fetch('./datasets/...')` and module workers work as on the web build, the
 * page has a real origin, and nothing outside the renderer's folder can be loaded.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://layerboard`;

/**
 * The same policy as index.html's meta tag, also sent as a header: the meta tag cannot cover
 * everything (it applies only after it is parsed, and not to workers' own responses).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self' blob: data:";

/**
 * The file under `root` that an app:// URL names, or undefined when the URL is for another host
 * or climbs out of `root` (`app://layerboard/../../etc/passwd`, encoded or not).
 */
export function resolveAppPath(url: string, root: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  // No asset has a NUL or a backslash in its name; on Windows a backslash would be a separator.
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const base = resolve(root);
  const path = normalize(resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`));
  return path.startsWith(base + sep) ? path : undefined;
}

/**
 * Whether the app may load `url` at all: its own pages and data, DevTools, and in development
 * the Vite server. Everything else (any http(s) host, file://) is refused: no remote content.
 */
export function isAllowedRequest(url: string, devOrigin?: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://')) return true;
  if (url.startsWith('blob:') || url.startsWith('data:')) return true;
  if (devOrigin) {
    try {
      const { origin } = new URL(url);
      // Vite's dev server also answers on ws:// for hot reload.
      return origin === devOrigin || origin === devOrigin.replace(/^http/, 'ws');
    } catch {
      return false;
    }
  }
  return false;
}

/** Whether a page URL is the app itself: app://layerboard/..., or in development Vite's server. */
export function isOwnPage(url: string, devOrigin?: string): boolean {
  return (
    url.startsWith(`${APP_ORIGIN}/`) || (devOrigin !== undefined && url.startsWith(`${devOrigin}/`))
  );
}
