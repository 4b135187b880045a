import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// scripts/serve.mjs, the classroom's static server, as `npm run web` starts it: in a child
// process, on a free port (--port 0), serving a folder of its own.
const SERVE = resolve(__dirname, '../../scripts/serve.mjs');
const dir = mkdtempSync(join(tmpdir(), 'layerboard-serve-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Layerboard</title>');

let server: ChildProcess | undefined;
let port = 0;

beforeAll(async () => {
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  port = await new Promise<number>((done, fail) => {
    let said = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const found = /127\.0\.0\.1:(\d+)\//.exec(said);
      if (found) done(Number(found[1]));
    });
    child.on('exit', (code) => fail(new Error(`serve.mjs exited (${code}) before serving`)));
  });
});

afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** A GET of `path` exactly as written (no URL parsing on this side), and the status it got. */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('scripts/serve.mjs', () => {
  it('answers a malformed URL with 400 and goes on serving', async () => {
    expect((await get('/%ff')).status).toBe(400);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Layerboard</title>');
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/%00')).status).toBe(404);
    expect((await get('/index.html')).status).toBe(200);
  });
});
