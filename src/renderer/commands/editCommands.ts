import { copySelection } from '../editor/clipboard';
import { graphStore } from '../stores/appStores';
import type { Clip } from '../stores/flowGraph';
import type { Command } from './command';

let clip: Clip | undefined;
// Each paste of the same clip lands a little further down and right, so copies do not stack.
let pasteCount = 0;

const copy = () => {
  const copied = copySelection(graphStore.getState());
  if (copied) {
    clip = copied;
    pasteCount = 0;
  }
};

export const editCommands = [
  {
    id: 'undo',
    label: 'Undo',
    shortcuts: ['Mod+Z'],
    undoable: false,
    run: () => graphStore.temporal.getState().undo(),
  },
  {
    id: 'redo',
    label: 'Redo',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    undoable: false,
    run: () => graphStore.temporal.getState().redo(),
  },
  {
    id: 'cut',
    label: 'Cut',
    shortcuts: ['Mod+X'],
    undoable: true,
    run: () => {
      copy();
      graphStore.getState().deleteSelected();
    },
  },
  { id: 'copy', label: 'Copy', shortcuts: ['Mod+C'], undoable: false, run: copy },
  {
    id: 'paste',
    label: 'Paste',
    shortcuts: ['Mod+V'],
    undoable: true,
    run: () => {
      if (!clip) return;
      pasteCount += 1;
      graphStore.getState().paste(clip, { x: 40 * pasteCount, y: 40 * pasteCount });
    },
  },
  {
    id: 'delete',
    label: 'Delete',
    shortcuts: ['Delete', 'Backspace'],
    undoable: true,
    run: () => graphStore.getState().deleteSelected(),
  },
  {
    id: 'select-all',
    label: 'Select all',
    shortcuts: ['Mod+A'],
    undoable: false,
    run: () => graphStore.getState().selectAll(),
  },
] satisfies Command[];
