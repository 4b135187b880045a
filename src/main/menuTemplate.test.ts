import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMAND_IDS } from '../shared/menu';
import { buildMenuTemplate, type MenuOptions, toAccelerator } from './menuTemplate';

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return {
    isMac: false,
    isDev: false,
    recent: [],
    available: new Set(MENU_COMMAND_IDS.filter((id) => !id.startsWith('export-'))),
    onCommand: vi.fn(),
    onOpenRecent: vi.fn(),
    onClearRecent: vi.fn(),
    ...overrides,
  };
}

const submenu = (item: MenuItemConstructorOptions | undefined) =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string) =>
  items.find((it) => it.label === label);
function click(item: MenuItemConstructorOptions | undefined): void {
  if (!item?.click) throw new Error(`${item?.label} has no click handler`);
  (item.click as () => void)();
}

describe('the native menu', () => {
  it('has File, Edit, View and Help with the usual items and accelerators', () => {
    const menu = buildMenuTemplate(options());
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = submenu(find(menu, 'File'));
    expect(file.filter((i) => i.label).map((i) => i.label)).toEqual([
      'New…',
      'Open…',
      'Open recent',
      'Save',
      'Save as…',
      'Hand in…',
      'Import dataset…',
      'Export JSON…',
      'Export PyTorch…',
      'Export ONNX…',
      'Save as assignment…',
      'Grade hand-ins…',
      'Quit',
    ]);
    expect(find(file, 'Save as…')?.accelerator).toBe('CmdOrCtrl+Shift+S');
    const edit = submenu(find(menu, 'Edit'));
    expect(edit.filter((i) => i.label).map((i) => [i.label, i.accelerator])).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'CmdOrCtrl+Shift+Z'],
      ['Cut', 'CmdOrCtrl+X'],
      ['Copy', 'CmdOrCtrl+C'],
      ['Paste', 'CmdOrCtrl+V'],
      ['Delete', 'Delete'],
      ['Select all', 'CmdOrCtrl+A'],
      // The keyboard's way to wire and reorder layers; Electron names the arrow keys Up, Down.
      ['Connect layers…', 'CmdOrCtrl+K'],
      ['Move layer up', 'Alt+Up'],
      ['Move layer down', 'Alt+Down'],
    ]);
    const view = submenu(find(menu, 'View'));
    expect(find(view, 'Full screen')?.accelerator).toBe('F11');
    expect(find(view, 'Zoom in')?.accelerator).toBe('CmdOrCtrl+=');
    expect(submenu(find(menu, 'Help')).map((i) => i.label)).toEqual([
      'Lessons…',
      'About Layerboard',
    ]);
  });

  it('shows shortcuts but leaves them to the renderer, which handles them in the browser too', () => {
    const items = buildMenuTemplate(options()).flatMap(submenu);
    const withShortcut = items.filter((i) => i.accelerator && i.role === undefined);
    expect(withShortcut.length).toBeGreaterThan(10);
    for (const item of withShortcut) expect(item.registerAccelerator).toBe(false);
  });

  it('runs commands by id, and greys out those the renderer does not have', () => {
    const onCommand = vi.fn();
    const file = submenu(buildMenuTemplate(options({ onCommand }))[0]);
    const open = find(file, 'Open…');
    expect(open?.enabled).toBe(true);
    click(open);
    expect(onCommand).toHaveBeenCalledWith('open');
    expect(find(file, 'Export ONNX…')?.enabled).toBe(false);
  });

  it('lists recent projects by name, opens them, and clears the list', () => {
    const onOpenRecent = vi.fn();
    const onClearRecent = vi.fn();
    const recent = ['/home/ana/lessons/mlp.layerboard.json'];
    const file = submenu(buildMenuTemplate(options({ recent, onOpenRecent, onClearRecent }))[0]);
    const items = submenu(find(file, 'Open recent'));
    expect(items[0]?.label).toBe('mlp.layerboard.json');
    expect(items[0]?.sublabel).toBe(recent[0]);
    click(items[0]);
    expect(onOpenRecent).toHaveBeenCalledWith(recent[0]);
    click(find(items, 'Clear list'));
    expect(onClearRecent).toHaveBeenCalled();
    const empty = submenu(find(submenu(buildMenuTemplate(options())[0]), 'Open recent'));
    expect(empty[0]).toMatchObject({ label: 'No recent projects', enabled: false });
  });

  it('follows macOS: an application menu with About and Quit, and a Window menu', () => {
    const menu = buildMenuTemplate(options({ isMac: true }));
    expect(menu.map((m) => m.label ?? m.role)).toEqual([
      'appMenu',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'Help',
    ]);
    expect(submenu(menu[0])[0]?.label).toBe('About Layerboard');
    const file = submenu(menu[1]);
    expect(file.some((i) => i.role === 'quit')).toBe(false);
    expect(file.at(-1)?.type).not.toBe('separator');
    expect(submenu(menu.at(-1)).map((i) => i.label)).toEqual(['Lessons…']);
  });

  it('adds Reload and DevTools in development only', () => {
    const view = (isDev: boolean) => submenu(buildMenuTemplate(options({ isDev }))[2]);
    expect(view(true).some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(view(false).some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('spells shortcuts as Electron accelerators', () => {
    expect(toAccelerator('Mod+Shift+Z')).toBe('CmdOrCtrl+Shift+Z');
    expect(toAccelerator('Delete')).toBe('Delete');
    expect(toAccelerator('Mod+\\')).toBe('CmdOrCtrl+\\');
  });
});
