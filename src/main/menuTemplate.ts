import type { MenuItemConstructorOptions } from 'electron';
import { COMMAND_INFO, type CommandId } from '../shared/commands';
import { baseName } from '../shared/fileKinds';
import { type CommandEntry, MENU, type MenuEntry } from '../shared/menu';

export interface MenuOptions {
  isMac: boolean;
  /** Development builds get Reload and DevTools. */
  isDev: boolean;
  recent: readonly string[];
  /** Commands the renderer has; the others (a panel not built yet) show disabled. */
  available: ReadonlySet<string>;
  onCommand(id: CommandId): void;
  onOpenRecent(path: string): void;
  onClearRecent(): void;
}

/**
 * `Mod+Shift+Z` (the renderer's spelling, KeyboardEvent key names) as an Electron accelerator:
 * `CmdOrCtrl+Shift+Z`; the arrow keys are `Up`, `Down`, `Left`, `Right` there.
 */
export function toAccelerator(shortcut: string): string {
  return shortcut.replace(/^Mod\+/, 'CmdOrCtrl+').replace(/Arrow(Up|Down|Left|Right)$/, '$1');
}

function commandItem(entry: CommandEntry, options: MenuOptions): MenuItemConstructorOptions {
  const { label, shortcuts } = COMMAND_INFO[entry.id];
  const shortcut = shortcuts[0];
  return {
    id: entry.id,
    label,
    enabled: options.available.has(entry.id),
    click: () => options.onCommand(entry.id),
    ...(shortcut
      ? {
          accelerator: toAccelerator(shortcut),
          // The renderer's own keydown handler runs the shortcut (the same code in the browser);
          // the menu only shows it. macOS always registers it, but a key press the page handled
          // never reaches the menu there.
          registerAccelerator: false,
        }
      : {}),
  };
}

function recentItem(options: MenuOptions): MenuItemConstructorOptions {
  const files: MenuItemConstructorOptions[] = options.recent.map((path) => ({
    label: baseName(path),
    sublabel: path,
    toolTip: path,
    click: () => options.onOpenRecent(path),
  }));
  return {
    label: 'Open recent',
    submenu: [
      ...(files.length ? files : [{ label: 'No recent projects', enabled: false }]),
      { type: 'separator' },
      { label: 'Clear list', enabled: files.length > 0, click: options.onClearRecent },
    ],
  };
}

function item(entry: MenuEntry, options: MenuOptions): MenuItemConstructorOptions | undefined {
  switch (entry.type) {
    case 'command':
      // On macOS, About lives in the application menu.
      return options.isMac && entry.id === 'about' ? undefined : commandItem(entry, options);
    case 'separator':
      return { type: 'separator' };
    case 'recent':
      return recentItem(options);
    case 'quit':
      // On macOS Quit lives in the application menu, and the trailing separator goes with it.
      return options.isMac ? undefined : { role: 'quit', label: 'Quit' };
    default:
      throw new Error(`unknown menu entry ${JSON.stringify(entry satisfies never)}`);
  }
}

/** No separator first, last or twice in a row (left behind where macOS moved an item out). */
function tidy(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.filter(
    (it, i) =>
      it.type !== 'separator' ||
      (i > 0 && i < items.length - 1 && items[i - 1]?.type !== 'separator'),
  );
}

/** Electron's menu template from the shared table (src/shared/menu.ts). */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const sections: MenuItemConstructorOptions[] = MENU.map((section) => ({
    label: section.label,
    submenu: tidy(
      section.entries
        .map((entry) => item(entry, options))
        .filter((it): it is MenuItemConstructorOptions => it !== undefined),
    ),
  }));
  const view = sections.find((s) => s.label === 'View');
  if (options.isDev && Array.isArray(view?.submenu)) {
    view.submenu.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  }
  if (!options.isMac) return sections;
  const about = MENU.flatMap((s) => s.entries).find(
    (e): e is CommandEntry => e.type === 'command' && e.id === 'about',
  );
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [
      ...(about ? [commandItem(about, options)] : []),
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const help = sections.pop();
  return [appMenu, ...sections, { role: 'windowMenu' }, ...(help ? [help] : [])];
}
