import { baseName } from '../../shared/fileKinds';
import type { DiskFile, LayerboardApi } from '../../shared/ipc';
import type { DesktopShell, OpenedFile, Platform } from './platform';

/**
 * The message of an error thrown in the main process, without the wrapping Electron adds:
 * "Error invoking remote method 'file:read': Error: /a.csv does not exist" -> "/a.csv does not exist".
 */
export function ipcErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/, '');
}

async function unwrapped<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    throw new Error(ipcErrorMessage(err));
  }
}

/** A file on disk, read through the main process once, when first asked for. */
function diskFile(api: LayerboardApi, file: DiskFile): OpenedFile {
  let bytes: Promise<Uint8Array> | undefined;
  const read = () => {
    bytes ??= unwrapped(api.readFile(file.path));
    return bytes;
  };
  return {
    name: file.name,
    path: file.path,
    bytes: read,
    text: async () => new TextDecoder().decode(await read()),
  };
}

function desktopShell(api: LayerboardApi): DesktopShell {
  const open = (path: string) => diskFile(api, { name: baseName(path), path });
  return {
    versions: api.versions,
    onMenuCommand: (listener) => api.onMenuCommand(listener),
    onOpenFiles: (listener) =>
      api.onOpenFiles((files) => listener(files.map((f) => diskFile(api, f)))),
    onCloseRequested: (listener) => api.onCloseRequested(listener),
    closeWindow: () => api.closeWindow(),
    toggleFullScreen: () => api.toggleFullScreen(),
    askToSave: (name) => unwrapped(api.askToSave(name)),
    setAvailableCommands: (ids) => api.setAvailableCommands(ids),
    editText: (action) => api.editText(action),
    droppedFile: (file) => {
      // Read from the File itself: main reads only files the user opened or imported, and a drop
      // never reaches it. The path (none for a file dragged from another app) is for Save and
      // for a project's relative data paths.
      const path = api.pathForFile(file);
      return {
        name: file.name,
        ...(path ? { path } : {}),
        text: () => file.text(),
        bytes: async () => new Uint8Array(await file.arrayBuffer()),
      };
    },
    openPath: open,
  };
}

/**
 * The platform inside the Electron window: dialogs and file IO through the preload's API (the
 * main process validates every argument), storage in the window's own localStorage.
 */
export function createElectronPlatform(api: LayerboardApi, storage: Platform['storage']): Platform {
  return {
    kind: 'electron',
    isMac: api.platform === 'darwin',
    openFile: async ({ title, filters }) => {
      const file = await unwrapped(api.showOpenDialog({ title, filters }));
      return file && diskFile(api, file);
    },
    openFiles: async ({ title, filters }) => {
      const files = await unwrapped(api.showOpenFilesDialog({ title, filters }));
      return files.map((file) => diskFile(api, file));
    },
    saveFile: async (request) => {
      const saved = await unwrapped(
        api.saveFile({
          title: request.title,
          suggestedName: request.suggestedName,
          filters: request.filters,
          data: request.data,
          ...(request.path ? { path: request.path } : {}),
        }),
      );
      return saved && { name: saved.name, path: saved.path };
    },
    storage,
    desktop: desktopShell(api),
  };
}
