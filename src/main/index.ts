import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { app, type BrowserWindow, dialog, Menu } from 'electron';
import { CHANNELS } from '../shared/ipc';
import { isOwnPage } from './appProtocol';
import { registerIpcHandlers } from './ipcHandlers';
import { filesFromArgv } from './launchFiles';
import { createMainWindow, requestClose } from './mainWindow';
import { buildMenuTemplate } from './menuTemplate';
import {
  isRecentCandidate,
  loadRecent,
  saveRecent,
  withoutRecent,
  withRecent,
} from './recentFiles';
import { lockDown, registerAppScheme, serveRenderer } from './security';

// WebGPU is on by default in Electron's Chromium on Windows and macOS; Linux still needs the
// switch, and Chromium's Vulkan path for it.
if (process.platform === 'linux') {
  app.commandLine.appendSwitch('enable-unsafe-webgpu');
  app.commandLine.appendSwitch('enable-features', 'Vulkan');
}
registerAppScheme();

const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devOrigin = devUrl ? new URL(devUrl).origin : undefined;
const userFile = (name: string) => join(app.getPath('userData'), name);

let window: BrowserWindow | undefined;
let recent: string[] = [];
let available = new Set<string>();
const granted = new Set<string>();
/** Files handed over before the renderer listens for them (launch arguments, macOS open-file). */
let pendingFiles: string[] = [];
let filesReady = false;
/** True once the renderer answers close requests; until then (or after a crash) closing just closes. */
let closeGuard = false;
let closeConfirmed = false;
let quitting = false;

function updateMenu(): void {
  const template = buildMenuTemplate({
    isMac: process.platform === 'darwin',
    isDev: !app.isPackaged,
    recent,
    available,
    onCommand: (id) => {
      if (window) window.webContents.send(CHANNELS.menuCommand, id);
      else openWindow();
    },
    onOpenRecent: (path) => {
      if (existsSync(path)) return openFiles([path]);
      setRecent(withoutRecent(recent, path));
      void dialog.showMessageBox({
        type: 'warning',
        message: `${basename(path)} was moved or deleted.`,
        detail: `It is no longer at ${path}, so it was taken off the recent list.`,
      });
    },
    onClearRecent: () => {
      setRecent([]);
      app.clearRecentDocuments();
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function setRecent(list: string[]): void {
  recent = list;
  try {
    saveRecent(userFile('recent-files.json'), recent);
  } catch (err) {
    console.warn(`could not save the recent files: ${(err as Error).message}`);
  }
  updateMenu();
}

/** Hands files to the renderer (which opens projects and imports data), once it listens. */
function openFiles(paths: string[]): void {
  for (const path of paths) granted.add(path);
  pendingFiles.push(...paths);
  if (!window) openWindow();
  else if (window.isMinimized()) window.restore();
  window?.focus();
  flushFiles();
}

function flushFiles(): void {
  if (!window || !filesReady || pendingFiles.length === 0) return;
  const files = pendingFiles.map((path) => ({ name: basename(path), path }));
  pendingFiles = [];
  window.webContents.send(CHANNELS.openFiles, files);
}

function openWindow(): void {
  const created = createMainWindow({
    stateFile: userFile('window-state.json'),
    devUrl,
    mayClose: (w) => {
      if (closeConfirmed || !closeGuard || w.webContents.isCrashed()) return true;
      requestClose(w);
      return false;
    },
  });
  // A reload or a crash forgets the renderer's listeners until it subscribes again.
  created.webContents.on('did-start-loading', () => {
    filesReady = false;
    closeGuard = false;
  });
  created.webContents.on('render-process-gone', () => {
    filesReady = false;
    closeGuard = false;
  });
  created.on('closed', () => {
    window = undefined;
    filesReady = false;
    closeGuard = false;
    closeConfirmed = false;
  });
  window = created;
}

registerIpcHandlers({
  window: () => window,
  // Our window's top frame, showing our own page: not an iframe, not a page it was navigated to.
  isTrustedSender: (event) => {
    const frame = event.senderFrame;
    if (!window || event.sender !== window.webContents || !frame || frame.parent) return false;
    return isOwnPage(frame.url, devOrigin);
  },
  granted,
  recentFiles: () => recent,
  // Listed, not granted for Save: a file the renderer could read may be a project's data file,
  // which the user never chose as a place to write.
  rememberProject: (path) => {
    if (!isRecentCandidate(path)) return;
    app.addRecentDocument(path);
    setRecent(withRecent(recent, path));
  },
  setAvailableCommands: (ids) => {
    available = new Set(ids);
    updateMenu();
  },
  closeConfirmed: () => {
    closeConfirmed = true;
    window?.close();
  },
  closeCancelled: () => {
    quitting = false;
  },
  openFilesReady: () => {
    filesReady = true;
    flushFiles();
  },
  closeGuardReady: () => {
    closeGuard = true;
  },
});

// One app, one window: a second launch hands its files to the first and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, cwd) => {
    const files = filesFromArgv(argv, cwd);
    if (files.length) openFiles(files);
    else if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    } else openWindow();
  });
  // macOS hands files over with an event, also before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) openFiles([path]);
    else pendingFiles.push(path);
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || quitting) app.quit();
  });
  app.on('activate', () => {
    if (!window) openWindow();
  });
  app.whenReady().then(() => {
    lockDown(devOrigin);
    serveRenderer(join(__dirname, '../renderer'));
    recent = loadRecent(userFile('recent-files.json'));
    updateMenu();
    pendingFiles.push(...filesFromArgv(process.argv, process.cwd()));
    for (const path of pendingFiles) granted.add(path);
    openWindow();
  });
}
