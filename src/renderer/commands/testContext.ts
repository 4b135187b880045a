import type { Platform } from '../platform/platform';
import type { CommandContext } from './command';

/**
 * A command context for tests: a browser platform whose open dialog answers with `openFile`,
 * which saves nothing and stores nothing, and a canvas that does not move.
 */
export function testContext(openFile: Platform['openFile']): CommandContext {
  const platform: Platform = {
    kind: 'browser',
    isMac: false,
    openFile,
    openFiles: async () => {
      const file = await openFile({ title: 'Open', filters: [] });
      return file ? [file] : [];
    },
    saveFile: async () => undefined,
    storage: { get: () => null, set: () => undefined },
  };
  return { platform, fitView: () => undefined, zoomIn: () => undefined, zoomOut: () => undefined };
}
