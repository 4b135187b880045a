import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeType } from '../shared/mimeTypes';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedRequest,
  isOwnPage,
  resolveAppPath,
} from './appProtocol';

const root = resolve('/app/out/renderer');

describe('app:// protocol', () => {
  it('maps app URLs to files under the renderer folder', () => {
    expect(resolveAppPath('app://layerboard/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://layerboard/assets/index-abc.js', root)).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath('app://layerboard/datasets/crop%20yields.csv?x=1', root)).toBe(
      join(root, 'datasets', 'crop yields.csv'),
    );
  });

  it('refuses other hosts and any way out of the folder', () => {
    // The URL parser itself takes `..` and `%2e%2e` off the top: these stay inside.
    expect(resolveAppPath('app://layerboard/../../etc/passwd', root)).toBe(
      join(root, 'etc', 'passwd'),
    );
    expect(resolveAppPath('app://layerboard/%2e%2e/%2e%2e/etc/passwd', root)).toBe(
      join(root, 'etc', 'passwd'),
    );
    for (const url of [
      'app://other/index.html',
      'app://layerboard/..%2f..%2fetc%2fpasswd',
      'app://layerboard/..%5c..%5cetc%5cpasswd',
      'app://layerboard/%00',
      'app://layerboard/%E0%A4%A',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(resolveAppPath(url, root), url).toBeUndefined();
    }
  });

  it('gives module scripts, WebAssembly and data their MIME types', () => {
    expect(mimeType('/a/worker-x.js')).toMatch(/^text\/javascript/);
    expect(mimeType('/a/ort.wasm')).toBe('application/wasm');
    expect(mimeType('/a/t10k-images-idx3-ubyte.gz')).toBe('application/gzip');
    expect(mimeType('/a/unknown')).toBe('application/octet-stream');
  });

  it('loads nothing remote', () => {
    expect(isAllowedRequest('app://layerboard/index.html')).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRequest('https://example.com/x.js')).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(
      true,
    );
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('https://example.com/', 'http://localhost:5173')).toBe(false);
  });

  it('trusts only its own pages to talk to main', () => {
    expect(isOwnPage('app://layerboard/index.html')).toBe(true);
    expect(isOwnPage('app://layerboard.evil/index.html')).toBe(false);
    expect(isOwnPage('http://localhost:5173/')).toBe(false);
    expect(isOwnPage('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isOwnPage('http://localhost:51730/', 'http://localhost:5173')).toBe(false);
  });

  it("sends the same Content-Security-Policy as index.html's meta tag", () => {
    const html = readFileSync(resolve('src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });
});
