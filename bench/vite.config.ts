import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

// The benchmark page (`vite build --config bench/vite.config.ts`) into out/bench, and with
// `--mode layerboard-webgpu` or `--mode layerboard-cpu` one engine contender as an ES module into
// out/bench/engine, built apart so that an engine that does not build fails only its contender.
const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(here, '../out/bench');

const engineEntries: Record<string, string> = {
  'layerboard-webgpu': 'layerboardWebgpu.ts',
  'layerboard-cpu': 'layerboardCpu.ts',
};

export default defineConfig(({ mode }): UserConfig => {
  const common: UserConfig = { root: here, base: './', publicDir: false, logLevel: 'warn' };
  const entry = engineEntries[mode];
  if (!entry) {
    return {
      ...common,
      build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4096 },
    };
  }
  return {
    ...common,
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: resolve(outDir, 'engine'),
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry: resolve(here, entry), formats: ['es'], fileName: () => `${mode}.js` },
    },
  };
});
