/**
 * The IPC between the Electron main process and the renderer: channel names and the API the
 * preload exposes as `window.layerboard`. The main process validates every argument it receives
 * on these channels (src/main/validation.ts); the renderer reaches them only through this API.
 */
/**
 * What main says of a path it will not read (not one the user opened or imported): the renderer
 * recognises it to advise an import rather than a search on disk.
 */
export const READ_REFUSED = 'is not a file you opened or imported';

export const CHANNELS = {
  // Renderer -> main, answered (ipcRenderer.invoke / ipcMain.handle).
  showOpenDialog: 'dialog:open',
  showOpenFilesDialog: 'dialog:open-many',
  saveFile: 'file:save',
  readFile: 'file:read',
  askToSave: 'window:ask-to-save',
  // Renderer -> main, one-way.
  setAvailableCommands: 'menu:available',
  editText: 'edit:text',
  closeWindow: 'window:close',
  toggleFullScreen: 'window:toggle-full-screen',
  openFilesReady: 'files:ready',
  closeGuardReady: 'window:close-guard',
  // Main -> renderer.
  menuCommand: 'menu:command',
  openFiles: 'files:open',
  closeRequested: 'window:close-requested',
} as const;

export interface DialogFilter {
  name: string;
  extensions: string[];
}

export interface OpenDialogRequest {
  title: string;
  filters: DialogFilter[];
}

/** A file on disk that the user chose or the OS handed over. */
export interface DiskFile {
  name: string;
  path: string;
}

export interface SaveFileRequest {
  title: string;
  suggestedName: string;
  filters: DialogFilter[];
  data: string | Uint8Array;
  /** Write here without asking; main asks anyway unless the user chose this path before. */
  path?: string;
}

/** Text editing the renderer hands to Chromium while the user types in a field. */
export const EDIT_ACTIONS = [
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'delete',
  'selectAll',
] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];

/** The answer to "save your changes before closing?". */
export type SaveAnswer = 'save' | 'discard' | 'cancel';

/** The file a dropped `File` came from; Electron's `webUtils.getPathForFile`. */
export type PathForFile = (file: Blob) => string;

/** What the preload exposes to the renderer: one function per channel, never ipcRenderer itself. */
export interface LayerboardApi {
  readonly platform: string;
  readonly versions: { electron: string; chrome: string };
  showOpenDialog(request: OpenDialogRequest): Promise<DiskFile | undefined>;
  /** The open dialog with several files chosen at once; empty when the user cancels. */
  showOpenFilesDialog(request: OpenDialogRequest): Promise<DiskFile[]>;
  saveFile(request: SaveFileRequest): Promise<DiskFile | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  askToSave(projectName: string): Promise<SaveAnswer>;
  setAvailableCommands(ids: string[]): void;
  editText(action: EditAction): void;
  /** Closes the window now: the renderer has dealt with unsaved changes. */
  closeWindow(): void;
  toggleFullScreen(): void;
  pathForFile: PathForFile;
  /** Each subscription returns its unsubscribe. */
  onMenuCommand(listener: (id: string) => void): () => void;
  onOpenFiles(listener: (files: DiskFile[]) => void): () => void;
  onCloseRequested(listener: () => void): () => void;
}
