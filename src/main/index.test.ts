import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/ipc';
import { csvDataset, projectText } from './testing/projectFile';

type Listener = (...args: unknown[]) => unknown;

// A stand-in for Electron, just big enough to start src/main/index.ts and watch what it does.
const fake = vi.hoisted(() => {
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }
  class FakeWebContents extends Emitter {
    send = vi.fn();
    isCrashed = () => false;
  }
  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    closed = false;
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    focus = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    close() {
      const event = { prevented: false, preventDefault: () => (event.prevented = true) };
      this.emit('close', event);
      if (event.prevented) return;
      this.closed = true;
      this.emit('closed');
    }
    getNormalBounds = () => ({ x: 10, y: 20, width: 1200, height: 800 });
    isMaximized = () => false;
    isMinimized = () => false;
  }
  let menu: MenuItemConstructorOptions[] = [];
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  return {
    userData: '',
    windows,
    handlers,
    listeners,
    menu: () => menu,
    electron: {
      app: Object.assign(new Emitter(), {
        commandLine: { appendSwitch: vi.fn() },
        isPackaged: true,
        getPath: () => fake.userData,
        requestSingleInstanceLock: () => true,
        whenReady: () => Promise.resolve(),
        isReady: () => true,
        quit: vi.fn(),
        addRecentDocument: vi.fn(),
        clearRecentDocuments: vi.fn(),
      }),
      BrowserWindow: FakeBrowserWindow,
      Menu: {
        buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
        setApplicationMenu: (template: MenuItemConstructorOptions[]) => {
          menu = template;
        },
      },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: {
        defaultSession: {
          webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
        },
      },
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
      dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn() },
      ipcMain: {
        handle: (channel: string, handler: Listener) => handlers.set(channel, handler),
        on: (channel: string, listener: Listener) => listeners.set(channel, listener),
      },
      shell: { openExternal: vi.fn() },
    },
  };
});

vi.mock('electron', () => fake.electron);

const { app, protocol, session } = fake.electron;
const window = () => fake.windows.at(-1)!;
/** A message from the window's own page, as Electron hands it to the handlers. */
const fromPage = (url = 'app://layerboard/index.html') => ({
  sender: window().webContents,
  senderFrame: { url, parent: null },
});
const send = (channel: string, arg?: unknown, event: unknown = fromPage()) =>
  fake.listeners.get(channel)?.(event, arg);
/** The items of a top-level menu, or of a submenu inside it. */
function items(section: string, submenu?: string): MenuItemConstructorOptions[] {
  const top = (fake.menu().find((m) => m.label === section)?.submenu ??
    []) as MenuItemConstructorOptions[];
  if (!submenu) return top;
  return (top.find((item) => item.label === submenu)?.submenu ??
    []) as MenuItemConstructorOptions[];
}
const menuItem = (section: string, id: string) => items(section).find((item) => item.id === id);
const submenuLabels = (section: string, submenu: string) =>
  items(section, submenu).map((item) => item.sublabel ?? item.label);

let project: string;
/** A project on File > Open Recent from an earlier run, with its CSV beside it. */
let earlier: string;

beforeAll(async () => {
  fake.userData = mkdtempSync(join(tmpdir(), 'layerboard-main-'));
  project = join(fake.userData, 'lesson.layerboard.json');
  writeFileSync(project, '{}');
  earlier = join(fake.userData, 'farms.layerboard.json');
  writeFileSync(earlier, projectText(csvDataset('farms.csv')));
  writeFileSync(join(fake.userData, 'farms.csv'), 'x,y\n1,2\n');
  writeFileSync(
    join(fake.userData, 'recent-files.json'),
    JSON.stringify({ version: 1, files: [earlier] }),
  );
  await import('./index');
  await Promise.resolve();
});

describe('the main process', () => {
  it('turns WebGPU on (Linux), serves app:// and locks the session down', () => {
    if (process.platform === 'linux') {
      expect(app.commandLine.appendSwitch).toHaveBeenCalledWith('enable-unsafe-webgpu');
    }
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
        }),
      }),
    ]);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(session.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
  });

  it('opens one isolated, sandboxed window without Node, on app://', () => {
    expect(fake.windows).toHaveLength(1);
    expect(window().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
    });
    expect(window().loadURL).toHaveBeenCalledWith('app://layerboard/index.html');
  });

  it('enables menu items once the renderer says it has their commands, and sends their ids', () => {
    expect(menuItem('File', 'open')?.enabled).toBe(false);
    send(CHANNELS.setAvailableCommands, ['new', 'open', 'save']);
    expect(menuItem('File', 'open')?.enabled).toBe(true);
    expect(menuItem('File', 'export-onnx')?.enabled).toBe(false);
    const click = menuItem('File', 'open')?.click as (() => void) | undefined;
    click?.();
    expect(window().webContents.send).toHaveBeenCalledWith(CHANNELS.menuCommand, 'open');
  });

  it('ignores messages from other pages', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    send(CHANNELS.setAvailableCommands, ['lessons'], fromPage('https://evil.example/'));
    expect(menuItem('Help', 'lessons')?.enabled).toBe(false);
    warn.mockRestore();
  });

  it('hands files from a second launch over once the renderer listens, and focuses', () => {
    app.emit('second-instance', {}, ['layerboard', 'lesson.layerboard.json'], fake.userData);
    expect(window().webContents.send).not.toHaveBeenCalledWith(
      CHANNELS.openFiles,
      expect.anything(),
    );
    send(CHANNELS.openFilesReady);
    expect(window().webContents.send).toHaveBeenCalledWith(CHANNELS.openFiles, [
      { name: 'lesson.layerboard.json', path: project },
    ]);
    expect(window().focus).toHaveBeenCalled();
  });

  it('reads for the renderer only files the user gave the app', async () => {
    const read = (path: string) => fake.handlers.get(CHANNELS.readFile)?.(fromPage(), path);
    const secret = join(fake.userData, 'window-state.json');
    await expect(async () => read(secret)).rejects.toThrow(
      'window-state.json is not a file you opened or imported',
    );
    // A recent project's data, as the autosave brings the project back after a restart.
    const csv = (await read(join(fake.userData, 'farms.csv'))) as Uint8Array;
    expect(new TextDecoder().decode(csv)).toBe('x,y\n1,2\n');
  });

  it('lists a project the renderer read under Open recent, and keeps the list', async () => {
    await fake.handlers.get(CHANNELS.readFile)?.(fromPage(), project);
    expect(submenuLabels('File', 'Open recent')).toContain(project);
    const saved = JSON.parse(readFileSync(join(fake.userData, 'recent-files.json'), 'utf8'));
    // The handed-over project first; the CSV read before it is data, not a project.
    expect(saved).toEqual({ version: 1, files: [project, earlier] });
  });

  it('asks the renderer before closing, and closes when it says so, remembering the bounds', () => {
    send(CHANNELS.closeGuardReady);
    window().close();
    expect(window().closed).toBe(false);
    expect(window().webContents.send).toHaveBeenCalledWith(CHANNELS.closeRequested);
    send(CHANNELS.closeWindow);
    expect(window().closed).toBe(true);
    const state = JSON.parse(readFileSync(join(fake.userData, 'window-state.json'), 'utf8'));
    expect(state).toEqual({
      version: 1,
      bounds: { x: 10, y: 20, width: 1200, height: 800 },
      maximized: false,
    });
    app.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(app.quit).toHaveBeenCalled();
  });

  it('reopens where it was, and closes at once while no renderer guards it', () => {
    app.emit('activate');
    expect(fake.windows).toHaveLength(2);
    expect(window().options).toMatchObject({ x: 10, y: 20, width: 1200, height: 800 });
    window().close();
    expect(window().closed).toBe(true);
    expect(existsSync(join(fake.userData, 'window-state.json'))).toBe(true);
  });
});
