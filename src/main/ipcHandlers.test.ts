import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/ipc';
import { registerIpcHandlers, type Shell } from './ipcHandlers';
import { csvDataset, projectText } from './testing/projectFile';

type Handler = (event: unknown, arg?: unknown) => unknown;
const electron = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  listeners: new Map<string, Handler>(),
  showOpenDialog: vi.fn(),
  showSaveDialog: vi.fn(),
  showMessageBox: vi.fn(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler),
    on: (channel: string, listener: Handler) => electron.listeners.set(channel, listener),
  },
  dialog: {
    showOpenDialog: electron.showOpenDialog,
    showSaveDialog: electron.showSaveDialog,
    showMessageBox: electron.showMessageBox,
  },
}));

const ownPage = { trusted: true, sender: { copy: vi.fn(), selectAll: vi.fn() } };
const strangePage = { trusted: false, sender: {} };

let recent: string[] = [];

function fakeShell(): Shell {
  const window = { setFullScreen: vi.fn(), isFullScreen: () => false } as unknown as BrowserWindow;
  return {
    window: () => window,
    isTrustedSender: (event) => (event as unknown as { trusted: boolean }).trusted,
    granted: new Set(),
    recentFiles: () => recent,
    rememberProject: vi.fn(),
    setAvailableCommands: vi.fn(),
    closeConfirmed: vi.fn(),
    closeCancelled: vi.fn(),
    openFilesReady: vi.fn(),
    closeGuardReady: vi.fn(),
  };
}

const invoke = (channel: string, arg?: unknown, event: unknown = ownPage) => {
  const handler = electron.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, arg);
};
const send = (channel: string, arg?: unknown, event: unknown = ownPage) =>
  electron.listeners.get(channel)?.(event, arg);

const folder = () => mkdtempSync(join(tmpdir(), 'layerboard-ipc-'));
const encode = (text: string) => new TextEncoder().encode(text);
const filters = [{ name: 'Layerboard project', extensions: ['layerboard.json', 'json'] }];
let shell: Shell;

beforeEach(() => {
  electron.handlers.clear();
  electron.listeners.clear();
  vi.clearAllMocks();
  recent = [];
  shell = fakeShell();
  registerIpcHandlers(shell);
});

describe('main-process IPC handlers', () => {
  it('registers one handler for every renderer -> main channel', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(
      [
        CHANNELS.showOpenDialog,
        CHANNELS.showOpenFilesDialog,
        CHANNELS.saveFile,
        CHANNELS.readFile,
        CHANNELS.askToSave,
      ].sort(),
    );
    expect(electron.listeners.size).toBe(6);
  });

  it('refuses messages from any page but its own', async () => {
    await expect(async () =>
      invoke(CHANNELS.readFile, '/etc/hostname', strangePage),
    ).rejects.toThrow(/refused a message from an unknown page/);
    send(CHANNELS.closeWindow, undefined, strangePage);
    expect(shell.closeConfirmed).not.toHaveBeenCalled();
  });

  it('opens a file through the native dialog, with the filters asked for', async () => {
    electron.showOpenDialog.mockResolvedValue({
      canceled: false,
      filePaths: ['/p/a.layerboard.json'],
    });
    const chosen = await invoke(CHANNELS.showOpenDialog, { title: 'Open project', filters });
    expect(chosen).toEqual({ name: 'a.layerboard.json', path: '/p/a.layerboard.json' });
    expect(electron.showOpenDialog.mock.calls[0]?.[1]).toMatchObject({
      title: 'Open project',
      filters,
      properties: ['openFile'],
    });
    expect(shell.granted.has('/p/a.layerboard.json')).toBe(true);
    electron.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(
      await invoke(CHANNELS.showOpenDialog, { title: 'Open project', filters }),
    ).toBeUndefined();
  });

  it('opens several files at once, each granted, and none when cancelled', async () => {
    electron.showOpenDialog.mockResolvedValue({
      canceled: false,
      filePaths: ['/p/ana.layerboard.json', '/p/ben.layerboard.json'],
    });
    const chosen = await invoke(CHANNELS.showOpenFilesDialog, { title: 'Hand-ins', filters });
    expect(chosen).toEqual([
      { name: 'ana.layerboard.json', path: '/p/ana.layerboard.json' },
      { name: 'ben.layerboard.json', path: '/p/ben.layerboard.json' },
    ]);
    expect(electron.showOpenDialog.mock.calls[0]?.[1]).toMatchObject({
      properties: ['openFile', 'multiSelections'],
    });
    expect(shell.granted.has('/p/ben.layerboard.json')).toBe(true);
    electron.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await invoke(CHANNELS.showOpenFilesDialog, { title: 'Hand-ins', filters })).toEqual([]);
    await expect(async () =>
      invoke(CHANNELS.showOpenFilesDialog, { title: 3, filters }),
    ).rejects.toThrow(/dialog:open-many: title/);
  });

  it('refuses bad dialog arguments before showing anything', async () => {
    await expect(async () =>
      invoke(CHANNELS.showOpenDialog, {
        title: 'x',
        filters: [{ name: 'x', extensions: ['/etc'] }],
      }),
    ).rejects.toThrow(/dialog:open: filters/);
    expect(electron.showOpenDialog).not.toHaveBeenCalled();
  });

  it('reads a file the user chose, and remembers projects', async () => {
    const path = join(folder(), 'lesson.layerboard.json');
    writeFileSync(path, '{"format":"layerboard/project"}');
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] });
    await invoke(CHANNELS.showOpenDialog, { title: 'Open project', filters });
    const data = (await invoke(CHANNELS.readFile, path)) as Uint8Array;
    expect(new TextDecoder().decode(data)).toBe('{"format":"layerboard/project"}');
    expect(shell.rememberProject).toHaveBeenCalledWith(path);
    await expect(async () => invoke(CHANNELS.readFile, 'lesson.layerboard.json')).rejects.toThrow(
      /absolute/,
    );
    const gone = join(folder(), 'no.csv');
    shell.granted.add(gone);
    await expect(async () => invoke(CHANNELS.readFile, gone)).rejects.toThrow(/does not exist/);
  });

  it('refuses to read a file the user never gave it, saying what to do', async () => {
    const secret = join(folder(), 'id_rsa.csv');
    writeFileSync(secret, 'key');
    await expect(async () => invoke(CHANNELS.readFile, secret)).rejects.toThrow(
      `${secret} is not a file you opened or imported, and Layerboard reads only those: import id_rsa.csv again (File > Import dataset…)`,
    );
    expect(shell.rememberProject).not.toHaveBeenCalled();
  });

  it("reads a project's data files, relative and absolute, once it has read the project", async () => {
    const dir = folder();
    const elsewhere = join(folder(), 'labels.idx');
    const project = join(dir, 'mnist.layerboard.json');
    writeFileSync(join(dir, 'images.idx'), 'i');
    writeFileSync(elsewhere, 'l');
    writeFileSync(project, projectText({ source: 'idx', images: 'images.idx', labels: elsewhere }));
    shell.granted.add(project);
    await expect(async () => invoke(CHANNELS.readFile, elsewhere)).rejects.toThrow(/not a file/);
    await invoke(CHANNELS.readFile, project);
    expect(await invoke(CHANNELS.readFile, join(dir, 'images.idx'))).toEqual(encode('i'));
    expect(await invoke(CHANNELS.readFile, elsewhere)).toEqual(encode('l'));
  });

  it('reads the recent projects, and their data after a restart without reading them first', async () => {
    const dir = folder();
    const project = join(dir, 'farms.layerboard.json');
    writeFileSync(project, projectText(csvDataset('farms.csv')));
    writeFileSync(join(dir, 'farms.csv'), 'x,y');
    recent = [project];
    expect(await invoke(CHANNELS.readFile, join(dir, 'farms.csv'))).toEqual(encode('x,y'));
    expect(await invoke(CHANNELS.readFile, project)).toEqual(
      encode(projectText(csvDataset('farms.csv'))),
    );
  });

  it('lets the renderer read what the user chose in the save dialog', async () => {
    const path = join(folder(), 'model.json');
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path });
    await invoke(CHANNELS.saveFile, {
      title: 'Export',
      suggestedName: 'model.json',
      filters,
      data: '{}',
    });
    expect(await invoke(CHANNELS.readFile, path)).toEqual(encode('{}'));
  });

  it('grants no data through a project the renderer saved over the open one', async () => {
    const dir = folder();
    const secret = join(folder(), 'id_rsa.csv');
    writeFileSync(secret, 'key');
    const project = join(dir, 'mine.layerboard.json');
    shell.granted.add(project);
    const request = {
      title: 'Save',
      suggestedName: 'mine.layerboard.json',
      filters,
      path: project,
    };
    await invoke(CHANNELS.saveFile, { ...request, data: projectText(csvDataset(secret)) });
    await invoke(CHANNELS.readFile, project);
    await expect(async () => invoke(CHANNELS.readFile, secret)).rejects.toThrow(/not a file/);
  });

  it('saves where the user says, and over a chosen file without asking again', async () => {
    const path = join(folder(), 'mine.layerboard.json');
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path });
    const request = {
      title: 'Save project',
      suggestedName: 'mine.layerboard.json',
      filters,
      data: 'v1',
    };
    expect(await invoke(CHANNELS.saveFile, request)).toEqual({
      name: 'mine.layerboard.json',
      path,
    });
    expect(readFileSync(path, 'utf8')).toBe('v1');
    expect(shell.rememberProject).toHaveBeenCalledWith(path);

    await invoke(CHANNELS.saveFile, { ...request, data: new Uint8Array([118, 50]), path });
    expect(readFileSync(path, 'utf8')).toBe('v2');
    expect(electron.showSaveDialog).toHaveBeenCalledTimes(1);
  });

  it('asks before writing to a path the user never chose', async () => {
    const target = join(folder(), 'victim.txt');
    electron.showSaveDialog.mockResolvedValue({ canceled: true });
    const request = { title: 'Save', suggestedName: 'a.json', filters, data: 'x', path: target };
    expect(await invoke(CHANNELS.saveFile, request)).toBeUndefined();
    expect(electron.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: target });
    expect(existsSync(target)).toBe(false);
  });

  it("asks about unsaved changes with Save, Don't save and Cancel", async () => {
    electron.showMessageBox.mockResolvedValue({ response: 0 });
    expect(await invoke(CHANNELS.askToSave, 'Crop yields')).toBe('save');
    expect(electron.showMessageBox.mock.calls[0]?.[1]).toMatchObject({
      message: 'Save the changes to "Crop yields" before closing?',
      buttons: ['Save', "Don't save", 'Cancel'],
    });
    electron.showMessageBox.mockResolvedValue({ response: 1 });
    expect(await invoke(CHANNELS.askToSave, 'Crop yields')).toBe('discard');
    electron.showMessageBox.mockResolvedValue({ response: 2 });
    expect(await invoke(CHANNELS.askToSave, 'Crop yields')).toBe('cancel');
    expect(shell.closeCancelled).toHaveBeenCalledTimes(1);
  });

  it('passes on one-way messages once validated, and drops bad ones', () => {
    send(CHANNELS.setAvailableCommands, ['open', 'save']);
    expect(shell.setAvailableCommands).toHaveBeenCalledWith(['open', 'save']);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    send(CHANNELS.setAvailableCommands, 'open');
    expect(shell.setAvailableCommands).toHaveBeenCalledTimes(1);
    send(CHANNELS.editText, 'copy');
    expect(ownPage.sender.copy).toHaveBeenCalled();
    send(CHANNELS.editText, 'executeJavaScript');
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    send(CHANNELS.closeWindow);
    send(CHANNELS.openFilesReady);
    send(CHANNELS.closeGuardReady);
    send(CHANNELS.toggleFullScreen);
    expect(shell.closeConfirmed).toHaveBeenCalled();
    expect(shell.openFilesReady).toHaveBeenCalled();
    expect(shell.closeGuardReady).toHaveBeenCalled();
    expect(shell.window()?.setFullScreen).toHaveBeenCalledWith(true);
  });
});
