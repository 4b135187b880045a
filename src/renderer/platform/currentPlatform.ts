import { createBrowserPlatform } from './browserPlatform';
import type { Platform } from './platform';

/** The platform this renderer runs on. The Electron implementation arrives with the desktop shell. */
export const platform: Platform = createBrowserPlatform();
