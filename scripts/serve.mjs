#!/usr/bin/env node
// Serves the built renderer (out/web) as a static site on 127.0.0.1, a secure context in which
// Chromium exposes navigator.gpu. Usage: node scripts/serve.mjs [--port N] [--dir out/web]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';
import { tsImport } from 'tsx/esm/api';

// The desktop app's content types, so both serve the same files alike.
const { mimeType } = await tsImport('../src/shared/mimeTypes.ts', import.meta.url);

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const root = resolve(option('dir', 'out/web'));
const port = Number(option('port', process.env.PORT ?? 4173));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`error: port "${option('port', process.env.PORT)}" is not a port number (0-65535)`);
  process.exit(2);
}
try {
  statSync(join(root, 'index.html'));
} catch {
  console.error(`error: ${root}/index.html is missing: run "npm run build:web" first`);
  process.exit(2);
}

/** The file a request's path names, or undefined when the path is not valid percent-encoding. */
function requestedPath(req) {
  try {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    return normalize(join(root, decodeURIComponent(url.pathname)));
  } catch {
    return undefined;
  }
}

// Each request is answered on its own: a malformed one (`GET /%ff`) gets a 400, and the server
// goes on serving (an exception here would end the process, and every later request with it).
const server = createServer((req, res) => {
  let path = requestedPath(req);
  if (path === undefined) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request: malformed URL');
    return;
  }
  if (path !== root && !path.startsWith(root + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    if (statSync(path).isDirectory()) path = join(path, 'index.html');
    const size = statSync(path).size;
    res.writeHead(200, {
      'Content-Type': mimeType(path),
      'Content-Length': size,
      'Cache-Control': 'no-cache',
    });
    // A file that goes away (or cannot be read) after the stat ends this response, not the server.
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});

server.on('error', (err) => {
  console.error(`error: cannot serve on 127.0.0.1:${port}: ${err.message} (try --port N)`);
  process.exit(2);
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`Layerboard is served at http://127.0.0.1:${address.port}/`);
});
