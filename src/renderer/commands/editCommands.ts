import { copySelection } from '../editor/clipboard';
import { graphStore, uiStore } from '../stores/appStores';
import type { Clip } from '../stores/flowGraph';
import type { Commands } from './command';

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

/** Moves the one selected layer along the chain, as the keyboard's way of reordering. */
function moveSelected(direction: 'up' | 'down'): void {
  const selected = graphStore.getState().nodes.filter((n) => n.selected);
  if (selected.length === 1) graphStore.getState().moveInChain(selected[0]!.id, direction);
}

export const editCommands = {
  undo: () => graphStore.temporal.getState().undo(),
  redo: () => graphStore.temporal.getState().redo(),
  cut: () => {
    copy();
    graphStore.getState().deleteSelected();
  },
  copy: copy,
  paste: () => {
    if (!clip) return;
    pasteCount += 1;
    graphStore.getState().paste(clip, { x: 40 * pasteCount, y: 40 * pasteCount });
  },
  delete: () => graphStore.getState().deleteSelected(),
  'select-all': () => graphStore.getState().selectAll(),
  deselect: () => graphStore.getState().clearSelection(),
  connect: () => uiStore.getState().openDialog('connect'),
  'move-up': () => moveSelected('up'),
  'move-down': () => moveSelected('down'),
} satisfies Commands;
