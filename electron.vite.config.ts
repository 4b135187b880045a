import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './config/renderer.vite.ts';

export default defineConfig({
  main: { build: { rollupOptions: { input: { index: resolve('src/main/index.ts') } } } },
  // A sandboxed renderer can only load a CommonJS preload script.
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig('out/renderer'),
    build: {
      ...rendererConfig('out/renderer').build,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
