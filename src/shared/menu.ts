/**
 * The native menu as data, shared by the main process (which builds Electron's menu from it) and
 * the renderer (whose commands carry the same ids, labels and shortcuts; a test checks they
 * agree). The main process cannot import the renderer's commands, which touch the DOM, so the
 * few facts a menu needs live here.
 */

/** Every command the menu can run. Most are the renderer's; the dataset and export ones come from their panels. */
export const MENU_COMMAND_IDS = [
  'new',
  'open',
  'save',
  'save-as',
  'import-dataset',
  'export-json',
  'export-pytorch',
  'export-onnx',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'delete',
  'select-all',
  'fit-view',
  'auto-layout',
  'zoom-in',
  'zoom-out',
  'toggle-panels',
  'toggle-full-screen',
  'lessons',
  'about',
] as const;

export type MenuCommandId = (typeof MENU_COMMAND_IDS)[number];

export function isMenuCommandId(id: string): id is MenuCommandId {
  return (MENU_COMMAND_IDS as readonly string[]).includes(id);
}

/** A menu item that runs a command; `shortcut` is written as the renderer writes it (`Mod+Shift+Z`). */
export interface CommandEntry {
  type: 'command';
  id: MenuCommandId;
  label: string;
  shortcut?: string;
}

/** What a menu holds: commands, separators, the Open Recent submenu, and Quit (Electron's own role). */
export type MenuEntry =
  | CommandEntry
  | { type: 'separator' }
  | { type: 'recent' }
  | { type: 'quit' };

export interface MenuSection {
  label: string;
  entries: MenuEntry[];
}

const command = (id: MenuCommandId, label: string, shortcut?: string): CommandEntry => ({
  type: 'command',
  id,
  label,
  ...(shortcut ? { shortcut } : {}),
});
const separator = { type: 'separator' } as const;

export const MENU: MenuSection[] = [
  {
    label: 'File',
    entries: [
      command('new', 'New…', 'Mod+N'),
      command('open', 'Open…', 'Mod+O'),
      { type: 'recent' },
      separator,
      command('save', 'Save', 'Mod+S'),
      command('save-as', 'Save as…', 'Mod+Shift+S'),
      separator,
      command('import-dataset', 'Import dataset…', 'Mod+I'),
      command('export-json', 'Export JSON…'),
      command('export-pytorch', 'Export PyTorch…'),
      command('export-onnx', 'Export ONNX…'),
      separator,
      { type: 'quit' },
    ],
  },
  {
    label: 'Edit',
    entries: [
      command('undo', 'Undo', 'Mod+Z'),
      command('redo', 'Redo', 'Mod+Shift+Z'),
      separator,
      command('cut', 'Cut', 'Mod+X'),
      command('copy', 'Copy', 'Mod+C'),
      command('paste', 'Paste', 'Mod+V'),
      command('delete', 'Delete', 'Delete'),
      command('select-all', 'Select all', 'Mod+A'),
    ],
  },
  {
    label: 'View',
    entries: [
      command('fit-view', 'Fit view', 'Mod+0'),
      command('auto-layout', 'Auto-layout', 'Mod+Shift+L'),
      separator,
      command('zoom-in', 'Zoom in', 'Mod+='),
      command('zoom-out', 'Zoom out', 'Mod+-'),
      separator,
      command('toggle-panels', 'Toggle panels', 'Mod+\\'),
      command('toggle-full-screen', 'Full screen', 'F11'),
    ],
  },
  {
    label: 'Help',
    entries: [command('lessons', 'Lessons…'), command('about', 'About Layerboard')],
  },
];

/** The menu's entry for a command, if the menu has one. */
export function menuCommand(id: MenuCommandId): CommandEntry | undefined {
  for (const section of MENU) {
    for (const entry of section.entries) {
      if (entry.type === 'command' && entry.id === id) return entry;
    }
  }
  return undefined;
}
