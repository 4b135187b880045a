import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { CHANNELS } from '../shared/ipc';
import { APP_ORIGIN } from './appProtocol';
import { loadWindowState, MIN_SIZE, restoredBounds, saveWindowState } from './windowState';

export interface MainWindowOptions {
  /** userData/window-state.json: where the window was when it last closed. */
  stateFile: string;
  /** Vite's dev server, in development; otherwise the built renderer on app://. */
  devUrl: string | undefined;
  /** Asked on every close: false keeps the window open (the renderer has unsaved changes to ask about). */
  mayClose(window: BrowserWindow): boolean;
}

/** The one window: sandboxed, isolated, no Node, where it was last time. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const { bounds, maximized } = restoredBounds(loadWindowState(options.stateFile), workAreas);
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Layerboard',
    show: false,
    backgroundColor: '#f4f5f7',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.on('close', (event) => {
    if (!options.mayClose(window)) {
      event.preventDefault();
      return;
    }
    // The normal bounds, so a maximised window comes back maximised over the right size.
    try {
      saveWindowState(options.stateFile, {
        bounds: window.getNormalBounds(),
        maximized: window.isMaximized(),
      });
    } catch (err) {
      // A read-only profile costs the remembered position, never the close.
      console.warn(`could not save the window state: ${(err as Error).message}`);
    }
  });
  if (options.devUrl) void window.loadURL(options.devUrl);
  else void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Asks the renderer whether it may close (it knows about unsaved changes); see useMenuCommands. */
export function requestClose(window: BrowserWindow): void {
  window.webContents.send(CHANNELS.closeRequested);
}
