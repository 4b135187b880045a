import { describe, expect, it } from 'vitest';
import { COMMAND_INFO } from '../../shared/commands';
import { MENU, MENU_COMMAND_IDS } from '../../shared/menu';
import { COMMANDS } from '../commands/registry';

describe('the command table', () => {
  it('gives every command its label, shortcuts and what it does', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(Object.keys(COMMAND_INFO).sort());
    for (const command of Object.values(COMMANDS)) {
      expect(command.label, command.id).toBe(COMMAND_INFO[command.id].label);
      expect(typeof command.run, command.id).toBe('function');
    }
  });

  it('puts each command in the native menu at most once', () => {
    const ids = MENU.flatMap((s) => s.entries).flatMap((e) => (e.type === 'command' ? [e.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(MENU_COMMAND_IDS);
  });
});
