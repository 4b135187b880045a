import { describe, expect, it } from 'vitest';
import { matchesShortcut, shortcutLabel } from './shortcuts';

const press = (
  key: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('matches Mod as Ctrl off macOS and Cmd on macOS', () => {
    expect(matchesShortcut(press('z', { ctrlKey: true }), 'Mod+Z', false)).toBe(true);
    expect(matchesShortcut(press('z', { metaKey: true }), 'Mod+Z', true)).toBe(true);
    expect(matchesShortcut(press('z', { metaKey: true }), 'Mod+Z', false)).toBe(false);
  });

  it('tells Ctrl+Z from Ctrl+Shift+Z', () => {
    const redo = press('Z', { ctrlKey: true, shiftKey: true });
    expect(matchesShortcut(redo, 'Mod+Z', false)).toBe(false);
    expect(matchesShortcut(redo, 'Mod+Shift+Z', false)).toBe(true);
  });

  it('matches plain keys only without modifiers', () => {
    expect(matchesShortcut(press('Delete'), 'Delete', false)).toBe(true);
    expect(matchesShortcut(press('Delete', { ctrlKey: true }), 'Delete', false)).toBe(false);
  });

  it('labels shortcuts for each platform', () => {
    expect(shortcutLabel('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(shortcutLabel('Mod+Shift+Z', true)).toBe('⌘⇧Z');
  });
});
