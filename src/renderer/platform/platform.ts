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
  /** Writes a file where the user says; undefined when they cancel. */
  saveFile(request: SaveRequest): Promise<{ name: string; path?: string } | undefined>;
  /** Small persistent key-value storage for the autosave. */
  readonly storage: {
    get(key: string): string | null;
    set(key: string, value: string): void;
  };
}
