// The native menu as data: which commands it holds, in which order and sections. The main process
// builds Electron's menu from it, with each command's label and shortcut from COMMAND_INFO.
import type { CommandId } from './commands';

/** A menu item that runs a command: its label and shortcut are the command's (COMMAND_INFO). */
export interface CommandEntry {
  type: 'command';
  id: CommandId;
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

const command = (id: CommandId): CommandEntry => ({ type: 'command', id });
const separator = { type: 'separator' } as const;

export const MENU: MenuSection[] = [
  {
    label: 'File',
    entries: [
      command('new'),
      command('open'),
      { type: 'recent' },
      separator,
      command('save'),
      command('save-as'),
      command('hand-in'),
      separator,
      command('import-dataset'),
      command('export-json'),
      command('export-pytorch'),
      command('export-onnx'),
      separator,
      command('save-assignment'),
      command('grade-hand-ins'),
      separator,
      { type: 'quit' },
    ],
  },
  {
    label: 'Edit',
    entries: [
      command('undo'),
      command('redo'),
      separator,
      command('cut'),
      command('copy'),
      command('paste'),
      command('delete'),
      command('select-all'),
      separator,
      command('connect'),
      command('move-up'),
      command('move-down'),
    ],
  },
  {
    label: 'View',
    entries: [
      command('fit-view'),
      command('auto-layout'),
      separator,
      command('zoom-in'),
      command('zoom-out'),
      separator,
      command('toggle-panels'),
      command('toggle-full-screen'),
    ],
  },
  {
    label: 'Help',
    entries: [command('lessons'), command('about')],
  },
];

/** Every command the menu runs, in menu order. */
export const MENU_COMMAND_IDS: readonly CommandId[] = MENU.flatMap((section) =>
  section.entries.flatMap((entry) => (entry.type === 'command' ? [entry.id] : [])),
);
