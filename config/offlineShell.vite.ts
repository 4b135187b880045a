import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Files kept for offline use besides the bundle's: the page, its icon and the table lessons'
 * built-in data (a few KB). Fashion-MNIST (30 MB) is kept only once a lesson has fetched it.
 */
const PAGE_FILES = [
  './',
  './icon.svg',
  './datasets/crop-yields.csv',
  './datasets/population-profit.csv',
];

/**
 * Writes the web build's service worker, `sw.js` (config/serviceWorker.js), with the list of the
 * app's files to keep and a version that changes with them (their names carry content hashes).
 * ONNX Runtime's 14 MB WebAssembly is left to be kept when an export first checks a model.
 */
export function offlineShell(): Plugin {
  return {
    name: 'layerboard-offline-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter(
        (name) => name !== 'index.html' && !name.endsWith('.wasm') && !name.endsWith('.map'),
      );
      const shell = [...PAGE_FILES, ...built.sort().map((name) => `./${name}`)];
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const code = readFileSync(resolve('config/serviceWorker.js'), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `const VERSION = '${version}';\nconst SHELL = ${JSON.stringify(shell)};\n\n${code}`,
      });
    },
  };
}
