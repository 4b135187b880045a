import { defineConfig } from 'vite';
import { rendererConfig } from './config/renderer.vite.ts';

// The renderer alone, as a static site: the app in a browser (`npm run web`) and for the e2e tests.
export default defineConfig(rendererConfig('out/web'));
