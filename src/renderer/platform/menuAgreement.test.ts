// Renderer code under test uses the DOM; tsconfig.node.json (which checks tests) has no DOM lib.
import { describe, expect, it } from 'vitest';
import { MENU, MENU_COMMAND_IDS, menuCommand } from '../../shared/menu';
import { COMMANDS } from '../commands/registry';
import { availableMenuCommands } from './desktopEvents';

describe('the native menu and the renderer commands', () => {
  it('agree on the label and the shortcut of every command both have', () => {
    for (const id of availableMenuCommands()) {
      const entry = menuCommand(id as (typeof MENU_COMMAND_IDS)[number]);
      const command = COMMANDS[id as keyof typeof COMMANDS];
      expect(entry?.label, id).toBe(command.label);
      expect(entry?.shortcut, id).toBe(command.shortcuts[0]);
    }
  });

  it('offer every menu item of this build', () => {
    expect(MENU_COMMAND_IDS.filter((id) => !(id in COMMANDS))).toEqual([]);
  });

  it('list each id once', () => {
    const ids = MENU.flatMap((s) => s.entries).flatMap((e) => (e.type === 'command' ? [e.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...MENU_COMMAND_IDS].sort());
  });
});
