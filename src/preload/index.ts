import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNELS, type DiskFile, type LayerboardApi } from '../shared/ipc';

/** Subscribes `listener` to a main -> renderer channel, handing it only the payload (never the event). */
function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_event: Electron.IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

// The renderer's only door to the platform: one function per channel, never ipcRenderer itself.
// The main process validates every argument (src/main/validation.ts).
const api: LayerboardApi = {
  platform: process.platform,
  versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '' },
  showOpenDialog: (request) => ipcRenderer.invoke(CHANNELS.showOpenDialog, request),
  showOpenFilesDialog: (request) => ipcRenderer.invoke(CHANNELS.showOpenFilesDialog, request),
  saveFile: (request) => ipcRenderer.invoke(CHANNELS.saveFile, request),
  readFile: (path) => ipcRenderer.invoke(CHANNELS.readFile, path),
  askToSave: (projectName) => ipcRenderer.invoke(CHANNELS.askToSave, projectName),
  setAvailableCommands: (ids) => ipcRenderer.send(CHANNELS.setAvailableCommands, ids),
  editText: (action) => ipcRenderer.send(CHANNELS.editText, action),
  closeWindow: () => ipcRenderer.send(CHANNELS.closeWindow),
  toggleFullScreen: () => ipcRenderer.send(CHANNELS.toggleFullScreen),
  pathForFile: (file) => webUtils.getPathForFile(file as File),
  onMenuCommand: (listener) => subscribe<string>(CHANNELS.menuCommand, listener),
  onOpenFiles: (listener) => {
    const unsubscribe = subscribe<DiskFile[]>(CHANNELS.openFiles, listener);
    // Files from the command line wait in main until someone listens.
    ipcRenderer.send(CHANNELS.openFilesReady);
    return unsubscribe;
  },
  onCloseRequested: (listener) => {
    const unsubscribe = subscribe<void>(CHANNELS.closeRequested, listener);
    // From now on main asks before closing, instead of just closing.
    ipcRenderer.send(CHANNELS.closeGuardReady);
    return unsubscribe;
  },
};

contextBridge.exposeInMainWorld('layerboard', api);
