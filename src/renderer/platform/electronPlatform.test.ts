// Renderer code under test uses the DOM; tsconfig.node.json (which checks tests) has no DOM lib.
import { describe, expect, it, vi } from 'vitest';
import type { DiskFile, LayerboardApi } from '../../shared/ipc';
import { createElectronPlatform, ipcErrorMessage } from './electronPlatform';

function fakeApi(overrides: Partial<LayerboardApi> = {}) {
  const listeners: { openFiles?: (files: DiskFile[]) => void } = {};
  const api: LayerboardApi = {
    platform: 'linux',
    versions: { electron: '45.4.1', chrome: '142.0.0.0' },
    showOpenDialog: vi.fn(async () => ({
      name: 'a.layerboard.json',
      path: '/p/a.layerboard.json',
    })),
    showOpenFilesDialog: vi.fn(async () => [
      { name: 'a.layerboard.json', path: '/p/a.layerboard.json' },
      { name: 'b.layerboard.json', path: '/p/b.layerboard.json' },
    ]),
    saveFile: vi.fn(async (request) => ({ name: 'b.json', path: request.path ?? '/p/b.json' })),
    readFile: vi.fn(async () => new TextEncoder().encode('{"ok":true}')),
    askToSave: vi.fn(async () => 'discard' as const),
    setAvailableCommands: vi.fn(),
    editText: vi.fn(),
    closeWindow: vi.fn(),
    toggleFullScreen: vi.fn(),
    pathForFile: vi.fn(() => '/dropped/c.csv'),
    onMenuCommand: vi.fn(() => () => undefined),
    onOpenFiles: vi.fn((listener) => {
      listeners.openFiles = listener;
      return () => undefined;
    }),
    onCloseRequested: vi.fn(() => () => undefined),
    ...overrides,
  };
  return { api, listeners };
}

const storage = { get: () => null, set: () => undefined };

describe('the Electron platform', () => {
  it('opens through the native dialog and reads the file once, through main', async () => {
    const { api } = fakeApi();
    const platform = createElectronPlatform(api, storage);
    const filters = [{ name: 'Layerboard project', extensions: ['layerboard.json'] }];
    const file = await platform.openFile({ title: 'Open project', filters });
    expect(api.showOpenDialog).toHaveBeenCalledWith({ title: 'Open project', filters });
    expect(file?.name).toBe('a.layerboard.json');
    expect(file?.path).toBe('/p/a.layerboard.json');
    expect(await file?.text()).toBe('{"ok":true}');
    expect(await file?.bytes()).toEqual(new TextEncoder().encode('{"ok":true}'));
    expect(api.readFile).toHaveBeenCalledTimes(1);
    expect(api.readFile).toHaveBeenCalledWith('/p/a.layerboard.json');
  });

  it('opens several files through the native dialog, each read through main when asked', async () => {
    const { api } = fakeApi();
    const platform = createElectronPlatform(api, storage);
    const filters = [{ name: 'Layerboard project', extensions: ['layerboard.json'] }];
    const files = await platform.openFiles({ title: 'Hand-ins', filters });
    expect(api.showOpenFilesDialog).toHaveBeenCalledWith({ title: 'Hand-ins', filters });
    expect(files.map((f) => f.path)).toEqual(['/p/a.layerboard.json', '/p/b.layerboard.json']);
    expect(api.readFile).not.toHaveBeenCalled();
    await files[1]?.text();
    expect(api.readFile).toHaveBeenCalledWith('/p/b.layerboard.json');
  });

  it('returns undefined when the user cancels a dialog', async () => {
    const { api } = fakeApi({
      showOpenDialog: async () => undefined,
      saveFile: async () => undefined,
    });
    const platform = createElectronPlatform(api, storage);
    expect(await platform.openFile({ title: 'Open', filters: [] })).toBeUndefined();
    const request = { title: 'Save', suggestedName: 'x.json', filters: [], data: '{}' };
    expect(await platform.saveFile(request)).toBeUndefined();
  });

  it('saves over the open file by path, or asks where', async () => {
    const { api } = fakeApi();
    const platform = createElectronPlatform(api, storage);
    const request = {
      title: 'Save',
      suggestedName: 'b.json',
      filters: [],
      data: new Uint8Array([1]),
    };
    expect(await platform.saveFile({ ...request, path: '/p/old.json' })).toEqual({
      name: 'b.json',
      path: '/p/old.json',
    });
    expect(api.saveFile).toHaveBeenLastCalledWith({ ...request, path: '/p/old.json' });
    await platform.saveFile(request);
    expect(api.saveFile).toHaveBeenLastCalledWith(request);
  });

  it("shows main's error without Electron's wrapping", async () => {
    const failing = async () => {
      throw new Error("Error invoking remote method 'file:read': Error: /p/a.csv does not exist");
    };
    const { api } = fakeApi({ readFile: failing });
    const file = createElectronPlatform(api, storage).desktop?.openPath('/p/a.csv');
    await expect(file?.text()).rejects.toThrow(/^\/p\/a\.csv does not exist$/);
    expect(ipcErrorMessage('plain')).toBe('plain');
  });

  it('knows macOS, and keeps the storage it was given', () => {
    const mac = createElectronPlatform(fakeApi({ platform: 'darwin' }).api, storage);
    expect(mac.kind).toBe('electron');
    expect(mac.isMac).toBe(true);
    expect(mac.storage).toBe(storage);
  });

  it('reads a dropped file as it was dropped, keeping its path for Save', async () => {
    const { api } = fakeApi();
    const desktop = createElectronPlatform(api, storage).desktop;
    const dropped = desktop?.droppedFile(new File(['a,b'], 'c.csv'));
    expect(dropped?.path).toBe('/dropped/c.csv');
    expect(await dropped?.text()).toBe('a,b');
    expect(await dropped?.bytes()).toEqual(new TextEncoder().encode('a,b'));
    // Main reads only what the user opened or imported: a drop does not go through it.
    expect(api.readFile).not.toHaveBeenCalled();
  });

  it('reads a dropped file that has no path (dragged from another app) as it is', async () => {
    const { api } = fakeApi({ pathForFile: () => '' });
    const dropped = createElectronPlatform(api, storage).desktop?.droppedFile(
      new File(['x,y\n1,2'], 'clip.csv'),
    );
    expect(dropped?.path).toBeUndefined();
    expect(await dropped?.text()).toBe('x,y\n1,2');
    expect(api.readFile).not.toHaveBeenCalled();
  });

  it('hands files from the OS over as opened files', async () => {
    const { api, listeners } = fakeApi();
    const received: string[] = [];
    createElectronPlatform(api, storage).desktop?.onOpenFiles((files) =>
      received.push(...files.map((f) => `${f.name}@${f.path}`)),
    );
    listeners.openFiles?.([{ name: 'a.csv', path: '/d/a.csv' }]);
    expect(received).toEqual(['a.csv@/d/a.csv']);
  });

  it('passes the window requests straight to the preload', async () => {
    const { api } = fakeApi();
    const desktop = createElectronPlatform(api, storage).desktop;
    desktop?.setAvailableCommands(['open']);
    desktop?.editText('paste');
    desktop?.closeWindow();
    desktop?.toggleFullScreen();
    expect(await desktop?.askToSave('Lesson')).toBe('discard');
    expect(api.setAvailableCommands).toHaveBeenCalledWith(['open']);
    expect(api.editText).toHaveBeenCalledWith('paste');
    expect(api.closeWindow).toHaveBeenCalled();
    expect(api.toggleFullScreen).toHaveBeenCalled();
    expect(api.askToSave).toHaveBeenCalledWith('Lesson');
  });
});
