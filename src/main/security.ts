import { readFile } from 'node:fs/promises';
import { app, protocol, session, shell } from 'electron';
import { mimeType } from '../shared/mimeTypes';
import {
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isAllowedRequest,
  resolveAppPath,
} from './appProtocol';

/** Must run before the app is ready: app:// behaves like https (fetch, workers, a secure context). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        codeCache: true,
      },
    },
  ]);
}

/** Serves the built renderer (`root`, out/renderer) on app://layerboard/, with the CSP as a header. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(request.url, root);
    if (!path) return new Response('forbidden', { status: 403 });
    try {
      return new Response(await readFile(path), {
        headers: {
          'content-type': mimeType(path),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

/**
 * Electron's security checklist for the whole app: no remote requests, no permissions beyond full
 * screen, no webviews, no navigation, no new windows (https links open in the user's browser).
 */
export function lockDown(devOrigin: string | undefined): void {
  const ses = session.defaultSession;
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, devOrigin) }),
  );
  // In development the page comes from Vite's server; the CSP header covers it as app:// does.
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    }),
  );
  ses.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'fullscreen'),
  );
  ses.setPermissionCheckHandler((_contents, permission) => permission === 'fullscreen');

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
