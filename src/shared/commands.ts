/**
 * Every user action of the app, by id, with its label and keyboard shortcuts: the one table that
 * the renderer's commands (which add what each one does), its toolbar, its shortcuts and the
 * Electron menu (built in the main process, which cannot import the renderer) all read.
 * Shortcuts are written `Mod+Shift+Z` (`Mod` is Ctrl, or Cmd on macOS); the first is the one
 * menus and tooltips show.
 */
export interface CommandInfo {
  readonly label: string;
  readonly shortcuts: readonly string[];
}

export const COMMAND_INFO = {
  new: { label: 'New…', shortcuts: ['Mod+N'] },
  open: { label: 'Open…', shortcuts: ['Mod+O'] },
  save: { label: 'Save', shortcuts: ['Mod+S'] },
  'save-as': { label: 'Save as…', shortcuts: ['Mod+Shift+S'] },
  'hand-in': { label: 'Hand in…', shortcuts: [] },
  'copy-share-link': { label: 'Copy share link', shortcuts: [] },
  'import-dataset': { label: 'Import dataset…', shortcuts: ['Mod+I'] },
  'export-json': { label: 'Export JSON…', shortcuts: [] },
  'export-pytorch': { label: 'Export PyTorch…', shortcuts: [] },
  'export-onnx': { label: 'Export ONNX…', shortcuts: [] },
  'open-model': { label: 'Open model…', shortcuts: [] },
  'save-assignment': { label: 'Save as assignment…', shortcuts: [] },
  'grade-hand-ins': { label: 'Grade hand-ins…', shortcuts: [] },
  undo: { label: 'Undo', shortcuts: ['Mod+Z'] },
  redo: { label: 'Redo', shortcuts: ['Mod+Shift+Z', 'Mod+Y'] },
  cut: { label: 'Cut', shortcuts: ['Mod+X'] },
  copy: { label: 'Copy', shortcuts: ['Mod+C'] },
  paste: { label: 'Paste', shortcuts: ['Mod+V'] },
  delete: { label: 'Delete', shortcuts: ['Delete', 'Backspace'] },
  'select-all': { label: 'Select all', shortcuts: ['Mod+A'] },
  deselect: { label: 'Deselect', shortcuts: ['Escape'] },
  connect: { label: 'Connect layers…', shortcuts: ['Mod+K'] },
  'move-up': { label: 'Move layer up', shortcuts: ['Alt+ArrowUp'] },
  'move-down': { label: 'Move layer down', shortcuts: ['Alt+ArrowDown'] },
  'fit-view': { label: 'Fit view', shortcuts: ['Mod+0'] },
  'auto-layout': { label: 'Auto-layout', shortcuts: ['Mod+Shift+L'] },
  'zoom-in': { label: 'Zoom in', shortcuts: ['Mod+='] },
  'zoom-out': { label: 'Zoom out', shortcuts: ['Mod+-'] },
  'toggle-panels': { label: 'Toggle panels', shortcuts: ['Mod+\\'] },
  'toggle-full-screen': { label: 'Full screen', shortcuts: ['F11'] },
  lessons: { label: 'Lessons…', shortcuts: [] },
  about: { label: 'About Layerboard', shortcuts: [] },
  train: { label: 'Train', shortcuts: ['Mod+Enter'] },
  'pause-training': { label: 'Pause or resume training', shortcuts: [] },
  'stop-training': { label: 'Stop training', shortcuts: [] },
  step: { label: 'Step one batch', shortcuts: [] },
  'reset-weights': { label: 'Reset weights', shortcuts: [] },
} as const satisfies Record<string, CommandInfo>;

export type CommandId = keyof typeof COMMAND_INFO;

export function isCommandId(id: string): id is CommandId {
  return Object.hasOwn(COMMAND_INFO, id);
}

/** A command's label without the dots of a dialog: "Save as" for "Save as…". */
export function commandName(id: CommandId): string {
  return COMMAND_INFO[id].label.replace('…', '');
}
