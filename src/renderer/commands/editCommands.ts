import { copySelection } from '../editor/clipboard';
import { graphStore } from '../stores/appStores';
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
} satisfies Commands;
