import type { CommandContext } from '../commands/command';
import { openArrivedFiles } from './arrivedFiles';
import type { OpenedFile } from './platform';

function fromFile(file: File): OpenedFile {
  return {
    name: file.name,
    text: () => file.text(),
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
  };
}

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Opens files dropped anywhere on the window, in the browser and the desktop app alike (there,
 * with their paths, so Save writes back to them). Layers dragged from the palette carry no files
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
