import type { FileFilter, OpenedFile, Platform } from '../platform/platform';
import { datasetStore, uiStore } from '../stores/appStores';
import type { Commands } from './command';

/**
 * What the import chooser offers. Raw IDX files (`train-images-idx3-ubyte`) have no extension
 * after a dot, so "All files" is there for them.
 */
export const DATA_FILTERS: FileFilter[] = [
  { name: 'Data files (CSV, IDX, .zip of images)', extensions: ['csv', 'tsv', 'txt', 'gz', 'zip'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * Asks the platform for a data file and reads it into the dataset panel's draft (a CSV preview,
 * or one file of an IDX pair); the project changes only when the user commits the draft. A file
 * the project's dataset names and lacks (after a reopen) is used as that file at once.
 */
export async function importDataset(platform: Platform, title = 'Import dataset'): Promise<void> {
  const opened = await platform.openFile({ title, filters: DATA_FILTERS });
  if (opened) await importOpenedFiles([opened]);
}

/** Reads files the platform handed over (chosen, dropped, or given by the OS) into the draft. */
export async function importOpenedFiles(opened: readonly OpenedFile[]): Promise<void> {
  const files = await Promise.all(
    opened.map(async (f) => new File([(await f.bytes()) as Uint8Array<ArrayBuffer>], f.name)),
  );
  await datasetStore.getState().importFiles(
    files,
    opened.map((f) => f.path),
  );
}

export const dataCommands = {
  'import-dataset': (ctx) => {
    uiStore.getState().showTab('Dataset');
    return importDataset(ctx.platform);
  },
} satisfies Commands;
