import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

/** The renderer's Vite settings, shared by the Electron build and the browser build (`npm run web`). */
export function rendererConfig(outDir: string): UserConfig {
  return {
    root: resolve('src/renderer'),
    base: './',
    publicDir: resolve('resources'),
    plugins: [react()],
    worker: { format: 'es' },
    // onnxruntime-web finds its .wasm beside its own module (new URL(..., import.meta.url)): the
    // build emits it as an asset, but the dev server's pre-bundling would move the module away.
    optimizeDeps: { exclude: ['onnxruntime-web'] },
    build: { outDir: resolve(outDir), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  };
}
