import type { FitViewOptions } from '@xyflow/react';
import type { CommandId, CommandInfo } from '../../shared/commands';
import type { Platform } from '../platform/platform';

/** What a command may use besides the app's stores. */
export interface CommandContext {
  platform: Platform;
  fitView(options?: FitViewOptions): void;
  zoomIn(options?: { duration: number }): void;
  zoomOut(options?: { duration: number }): void;
}

export type RunCommand = (ctx: CommandContext) => void | Promise<void>;

/** What some of the commands do, by id: each area of the app gives its own. */
export type Commands = Partial<Record<CommandId, RunCommand>>;

/**
 * A user action as data: its id, label and shortcuts (COMMAND_INFO, shared with the Electron
 * menu) and what it does. Menus, toolbar buttons, keyboard shortcuts and the Electron menu all
 * run commands by id, so each action is written once.
 */
export interface Command extends CommandInfo {
  readonly id: CommandId;
  readonly run: RunCommand;
}
