import { basename } from 'node:path';
import {
  type BrowserWindow,
  dialog,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
  ipcMain,
} from 'electron';
import { CHANNELS, type DiskFile, type SaveAnswer } from '../shared/ipc';
import { readUserFile, writeFileAtomic } from './fileIo';
import { createReadGrants } from './readGrants';
import {
  absolutePath,
  commandIds,
  editAction,
  openDialogRequest,
  projectName,
  saveFileRequest,
  validate,
} from './validation';

/** What the handlers need from the rest of the main process (index.ts provides it). */
export interface Shell {
  window(): BrowserWindow | undefined;
  /** Whether a message comes from our own page (not a frame or page that got in some other way). */
  isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean;
  /** Paths the user chose in a dialog or handed over from the OS: Save may write there without asking. */
  readonly granted: Set<string>;
  /** File > Open Recent's projects, which the renderer may read (src/main/readGrants.ts). */
  recentFiles(): readonly string[];
  /** A project was opened or saved: File > Open Recent lists it. */
  rememberProject(path: string): void;
  setAvailableCommands(ids: string[]): void;
  closeConfirmed(): void;
  closeCancelled(): void;
  openFilesReady(): void;
  closeGuardReady(): void;
}

const diskFile = (path: string): DiskFile => ({ name: basename(path), path });

function trusted<E extends IpcMainEvent | IpcMainInvokeEvent>(
  shell: Shell,
  event: E,
  channel: string,
) {
  if (!shell.isTrustedSender(event))
    throw new Error(`${channel}: refused a message from an unknown page`);
}

/** Registers every renderer -> main channel; each validates its sender and arguments first. */
export function registerIpcHandlers(shell: Shell): void {
  const grants = createReadGrants({
    chosen: shell.granted,
    recent: () => shell.recentFiles(),
    read: (path) => readUserFile(path),
  });
  const handle = (channel: string, run: (arg: unknown, event: IpcMainInvokeEvent) => unknown) =>
    ipcMain.handle(channel, (event, arg: unknown) => {
      trusted(shell, event, channel);
      return run(arg, event);
    });
  const on = (channel: string, run: (arg: unknown, event: IpcMainEvent) => void) =>
    ipcMain.on(channel, (event, arg: unknown) => {
      // One-way messages have nobody to throw to: an untrusted or bad one is dropped.
      try {
        trusted(shell, event, channel);
        run(arg, event);
      } catch (err) {
        console.warn((err as Error).message);
      }
    });

  /** The native open dialog; the chosen files may be read and saved over from now on. */
  const chooseFiles = async (channel: string, arg: unknown, multiple: boolean) => {
    const request = validate(openDialogRequest, arg, channel);
    const options = {
      title: request.title,
      filters: request.filters,
      properties: multiple
        ? ['openFile' as const, 'multiSelections' as const]
        : ['openFile' as const],
    };
    const window = shell.window();
    const result = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    if (result.canceled) return [];
    for (const path of result.filePaths) shell.granted.add(path);
    return result.filePaths.map(diskFile);
  };
  handle(CHANNELS.showOpenDialog, async (arg) => {
    const [file] = await chooseFiles(CHANNELS.showOpenDialog, arg, false);
    return file;
  });
  handle(CHANNELS.showOpenFilesDialog, (arg) =>
    chooseFiles(CHANNELS.showOpenFilesDialog, arg, true),
  );

  handle(CHANNELS.readFile, async (arg) => {
    const path = validate(absolutePath, arg, CHANNELS.readFile);
    const data = await grants.readFile(path);
    shell.rememberProject(path);
    return data;
  });

  handle(CHANNELS.saveFile, async (arg) => {
    const request = validate(saveFileRequest, arg, CHANNELS.saveFile);
    let path = request.path && shell.granted.has(request.path) ? request.path : undefined;
    if (!path) {
      const options = {
        title: request.title,
        defaultPath: request.path ?? request.suggestedName,
        filters: request.filters,
      };
      const window = shell.window();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return undefined;
      path = result.filePath;
    }
    await writeFileAtomic(path, request.data);
    grants.wrote(path, request.data);
    shell.granted.add(path);
    shell.rememberProject(path);
    return diskFile(path);
  });

  handle(CHANNELS.askToSave, async (arg): Promise<SaveAnswer> => {
    const name = validate(projectName, arg, CHANNELS.askToSave);
    const options = {
      type: 'warning' as const,
      buttons: ['Save', "Don't save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
      message: `Save the changes to "${name}" before closing?`,
      detail: "Your changes will be lost if you don't save them.",
    };
    const window = shell.window();
    const { response } = window
      ? await dialog.showMessageBox(window, options)
      : await dialog.showMessageBox(options);
    const answer = (['save', 'discard', 'cancel'] as const)[response] ?? 'cancel';
    if (answer === 'cancel') shell.closeCancelled();
    return answer;
  });

  on(CHANNELS.setAvailableCommands, (arg) =>
    shell.setAvailableCommands(validate(commandIds, arg, CHANNELS.setAvailableCommands)),
  );
  on(CHANNELS.editText, (arg, event) => {
    const action = validate(editAction, arg, CHANNELS.editText);
    event.sender[action]();
  });
  on(CHANNELS.closeWindow, () => shell.closeConfirmed());
  on(CHANNELS.toggleFullScreen, () => {
    const window = shell.window();
    window?.setFullScreen(!window.isFullScreen());
  });
  on(CHANNELS.openFilesReady, () => shell.openFilesReady());
  on(CHANNELS.closeGuardReady, () => shell.closeGuardReady());
}
