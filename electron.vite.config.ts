import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './config/renderer.vite';

export default defineConfig({
  main: { build: { rollupOptions: { input: { index: resolve('src/main/index.ts') } } } },
  preload: { build: { rollupOptions: { input: { index: resolve('src/preload/index.ts') } } } },
  renderer: {
    ...rendererConfig('out/renderer'),
    build: {
      ...rendererConfig('out/renderer').build,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
