import type { FolderFile } from '../stores/datasetState';

/** Every entry of a dropped folder: `readEntries` answers in batches (100 in Chromium) until none. */
async function entriesOf(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const fileOf = (entry: FileSystemFileEntry) =>
  new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/**
 * The files of a folder dropped on the window (`DataTransferItem.webkitGetAsEntry`), at any
 * depth, by their paths under it (`boot/001.png`): what a picked folder gives too.
 *
 * @example
 * const files = await droppedFolder(item.webkitGetAsEntry() as FileSystemDirectoryEntry);
 */
export async function droppedFolder(folder: FileSystemDirectoryEntry): Promise<FolderFile[]> {
  const files: FolderFile[] = [];
  const walk = async (dir: FileSystemDirectoryEntry, prefix: string) => {
    for (const entry of await entriesOf(dir)) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, `${path}/`);
      else files.push({ path, file: await fileOf(entry as FileSystemFileEntry) });
    }
  };
  await walk(folder, '');
  return files;
}
