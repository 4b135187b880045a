import { uiStore } from '../stores/appStores';
import type { Command, CommandContext, CommandId } from './command';
import { dataCommands } from './dataCommands';
import { editCommands } from './editCommands';
import { exportCommands } from './exportCommands';
import { fileCommands } from './fileCommands';
import { helpCommands } from './helpCommands';
import { matchesShortcut } from './shortcuts';
import { trainCommands } from './trainCommands';
import { viewCommands } from './viewCommands';

/** Every command of the app by id. */
export const COMMANDS = Object.fromEntries(
  [
    ...fileCommands,
    ...editCommands,
    ...viewCommands,
    ...helpCommands,
    ...dataCommands,
    ...trainCommands,
    ...exportCommands,
  ].map((c) => [c.id, c]),
) as Record<CommandId, Command>;

/** Runs a command; anything it throws is shown to the user rather than lost in the console. */
export function runCommand(id: CommandId, ctx: CommandContext): void {
  Promise.resolve()
    .then(() => COMMANDS[id].run(ctx))
    .catch((err: unknown) => {
      uiStore
        .getState()
        .notify(
          'error',
          `${COMMANDS[id].label.replace('…', '')} failed: ${(err as Error).message}`,
        );
    });
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
