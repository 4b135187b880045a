import type { LayerboardApi } from '../../shared/ipc';
import { createBrowserPlatform } from './browserPlatform';
import { createElectronPlatform } from './electronPlatform';
import type { Platform } from './platform';

/** The preload's API, present only inside the Electron window. */
const api = (globalThis as { layerboard?: LayerboardApi }).layerboard;
const browser = createBrowserPlatform();

/** The platform this renderer runs on: Electron's when the preload is there, else the browser's. */
export const platform: Platform = api ? createElectronPlatform(api, browser.storage) : browser;
