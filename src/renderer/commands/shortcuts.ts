/**
 * Keyboard shortcuts written as "Mod+Shift+Z": `Mod` is Ctrl, or Cmd on macOS (as Electron's
 * accelerators spell it `CmdOrCtrl`). Keys are KeyboardEvent.key values, case-insensitive.
 */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function matchesShortcut(event: KeyPress, shortcut: string, isMac: boolean): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()?.toLowerCase();
  const wants = new Set(parts.map((p) => p.toLowerCase()));
  const mod = isMac ? event.metaKey : event.ctrlKey;
  return (
    event.key.toLowerCase() === key &&
    mod === wants.has('mod') &&
    event.shiftKey === wants.has('shift') &&
    event.altKey === wants.has('alt') &&
    (isMac ? !event.ctrlKey : !event.metaKey)
  );
}

/** "Ctrl+Shift+Z" or "⌘⇧Z", for menus and tooltips. */
export function shortcutLabel(shortcut: string, isMac: boolean): string {
  if (!isMac) return shortcut.replace('Mod', 'Ctrl');
  return shortcut
    .replace('Mod+', '⌘')
    .replace('Shift+', '⇧')
    .replace('Alt+', '⌥')
    .replace('Backspace', '⌫');
}
