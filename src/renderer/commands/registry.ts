import { COMMAND_INFO, type CommandId, commandName } from '../../shared/commands';
import { uiStore } from '../stores/appStores';
import { classroomCommands } from './classroomCommands';
import type { Command, CommandContext, RunCommand } from './command';
import { dataCommands } from './dataCommands';
import { editCommands } from './editCommands';
import { exportCommands } from './exportCommands';
import { fileCommands } from './fileCommands';
import { helpCommands } from './helpCommands';
import { matchesShortcut } from './shortcuts';
import { trainCommands } from './trainCommands';
import { viewCommands } from './viewCommands';

/** What each command does: every id has exactly one (the compiler lists a missing one). */
const RUNS = {
  ...fileCommands,
  ...editCommands,
  ...viewCommands,
  ...helpCommands,
  ...dataCommands,
  ...trainCommands,
  ...exportCommands,
  ...classroomCommands,
} satisfies Record<CommandId, RunCommand>;

/** Every command of the app by id. */
export const COMMANDS = {} as Record<CommandId, Command>;
for (const id of Object.keys(COMMAND_INFO) as CommandId[]) {
  COMMANDS[id] = { id, ...COMMAND_INFO[id], run: RUNS[id] };
}

/**
 * Runs a command to its end; anything it throws is shown to the user rather than lost in the
 * console.
 */
export async function runCommandToEnd(id: CommandId, ctx: CommandContext): Promise<void> {
  try {
    await COMMANDS[id].run(ctx);
  } catch (err) {
    uiStore.getState().notify('error', `${commandName(id)} failed: ${(err as Error).message}`);
  }
}

/** Runs a command without waiting for it (buttons, shortcuts, menus). */
export function runCommand(id: CommandId, ctx: CommandContext): void {
  void runCommandToEnd(id, ctx);
}

/** The command a key press asks for, if any. */
export function commandForKey(
  event: Parameters<typeof matchesShortcut>[0],
  isMac: boolean,
): Command | undefined {
  return Object.values(COMMANDS).find((c) =>
    c.shortcuts.some((s) => matchesShortcut(event, s, isMac)),
  );
}
