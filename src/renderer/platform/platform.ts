import type { EditAction, SaveAnswer } from '../../shared/ipc';

/** A file type the open and save dialogs offer: "Layerboard project" with `layerboard.json`. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** A file the user chose to open. */
export interface OpenedFile {
  name: string;
  /** Where it is on disk, when the platform knows (Electron); relative dataset paths need it. */
  path?: string;
  text(): Promise<string>;
  bytes(): Promise<Uint8Array>;
}

export interface SaveRequest {
  title: string;
  suggestedName: string;
  filters: FileFilter[];
  data: string | Uint8Array;
  /** Save over this file without asking (Save, as opposed to Save As), where the platform can. */
  path?: string;
}

/**
 * Everything the renderer asks of the platform it runs on, so the same UI runs in the Electron
 * window (files through the preload's IPC) and in a browser (file input, downloads, localStorage).
 */
export interface Platform {
  readonly kind: 'browser' | 'electron';
  readonly isMac: boolean;
  /** Asks the user for a file; undefined when they cancel. */
  openFile(options: { title: string; filters: FileFilter[] }): Promise<OpenedFile | undefined>;
  /** Asks the user for several files at once (one or more); empty when they cancel. */
  openFiles(options: { title: string; filters: FileFilter[] }): Promise<OpenedFile[]>;
  /** Writes a file where the user says; undefined when they cancel. */
  saveFile(request: SaveRequest): Promise<{ name: string; path?: string } | undefined>;
  /** Small persistent key-value storage: the autosave, what the user has seen. */
  readonly storage: {
    get(key: string): string | null;
    set(key: string, value: string): void;
  };
  /** The native window around the app: in the desktop build only. */
  readonly desktop?: DesktopShell;
}

/**
 * What only the desktop app has: a native menu, files handed over by the OS, a window that asks
 * before closing. Subscriptions return their unsubscribe.
 */
export interface DesktopShell {
  readonly versions: { electron: string; chrome: string };
  /** The native menu's commands, by id (src/shared/menu.ts). */
  onMenuCommand(listener: (id: string) => void): () => void;
  /** Files from the command line, a second launch, Open Recent or the OS's "open with". */
  onOpenFiles(listener: (files: OpenedFile[]) => void): () => void;
  /** The user asked to close the window; it closes only when `closeWindow` is called. */
  onCloseRequested(listener: () => void): () => void;
  closeWindow(): void;
  /** The window's own full screen (the page's Fullscreen API needs a user gesture a menu click lacks). */
  toggleFullScreen(): void;
  askToSave(projectName: string): Promise<SaveAnswer>;
  /** Menu items whose commands exist are enabled; the others are greyed out. */
  setAvailableCommands(ids: string[]): void;
  /** Undo, copy, paste... in the text field that has the focus, as Chromium does them. */
  editText(action: EditAction): void;
  /** A file dropped on the window: its bytes from the drop, its place on disk kept for Save. */
  droppedFile(file: File): OpenedFile;
  /** A file by its path, e.g. a dataset named relative to its project. */
  openPath(path: string): OpenedFile;
}
