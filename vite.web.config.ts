import { defineConfig } from 'vite';
import { offlineShell } from './config/offlineShell.vite.ts';
import { rendererConfig } from './config/renderer.vite.ts';

// The renderer alone, as a static site: the app in a browser (`npm run web`) and for the e2e
// tests. Unlike the desktop app's, it has a service worker, to keep working offline once loaded.
const config = rendererConfig('out/web');
export default defineConfig({ ...config, plugins: [...(config.plugins ?? []), offlineShell()] });
