import type { CommandContext } from '../commands/command';
import { datasetStore, uiStore } from '../stores/appStores';
import { openArrivedFiles } from './arrivedFiles';
import { droppedFolder } from './droppedFolder';
import type { OpenedFile } from './platform';

function fromFile(file: File): OpenedFile {
  return {
    name: file.name,
    text: () => file.text(),
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
  };
}

/** Imports a dropped folder of images into the Dataset tab, saying what went wrong if it fails. */
async function importDroppedFolder(folder: FileSystemDirectoryEntry): Promise<void> {
  uiStore.getState().showTab('Dataset');
  try {
    await datasetStore.getState().importFolder(folder.name, await droppedFolder(folder));
  } catch (err) {
    uiStore
      .getState()
      .notify('error', `Could not read the folder ${folder.name}: ${(err as Error).message}`);
  }
}

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Opens files dropped anywhere on the window, in the browser and the desktop app alike (there,
 * with their paths, so Save writes back to them); a dropped folder is imported as an image folder. Layers dragged from the palette carry no files
 * and are left to the canvas.
 */
export function listenForFileDrops(ctx: CommandContext, target: EventTarget): () => void {
  const onDragOver = (event: Event) => {
    const drag = event as DragEvent;
    if (!carriesFiles(drag)) return;
    drag.preventDefault();
    if (drag.dataTransfer) drag.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: Event) => {
    const drag = event as DragEvent;
    if (!carriesFiles(drag) || !drag.dataTransfer) return;
    drag.preventDefault();
    // A folder shows among the files as an unreadable entry: its entry, taken now (the drop's
    // items are gone once the handler returns), tells it apart and lists it.
    const folder = Array.from(drag.dataTransfer.items, (item) => item.webkitGetAsEntry()).find(
      (entry): entry is FileSystemDirectoryEntry => entry?.isDirectory === true,
    );
    if (folder) {
      void importDroppedFolder(folder);
      return;
    }
    const files = Array.from(drag.dataTransfer.files).map(
      (file) => ctx.platform.desktop?.droppedFile(file) ?? fromFile(file),
    );
    if (files.length > 0) void openArrivedFiles(files, ctx);
  };
  target.addEventListener('dragover', onDragOver);
  target.addEventListener('drop', onDrop);
  return () => {
    target.removeEventListener('dragover', onDragOver);
    target.removeEventListener('drop', onDrop);
  };
}
