import type { FitViewOptions } from '@xyflow/react';
import type { Platform } from '../platform/platform';

export type CommandId =
  | 'new'
  | 'open'
  | 'save'
  | 'save-as'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'delete'
  | 'select-all'
  | 'auto-layout'
  | 'fit-view'
  | 'zoom-in'
  | 'zoom-out'
  | 'toggle-panels'
  | 'toggle-full-screen'
  | 'lessons'
  | 'about'
  | 'import-dataset'
  | 'train'
  | 'pause-training'
  | 'stop-training'
  | 'step'
  | 'reset-weights'
  | 'export-json'
  | 'export-pytorch'
  | 'export-onnx'
  | 'open-model';

/** What a command may use besides the app's stores. */
export interface CommandContext {
  platform: Platform;
  fitView(options?: FitViewOptions): void;
  zoomIn(options?: { duration: number }): void;
  zoomOut(options?: { duration: number }): void;
}

/**
 * A user action as data: menus, toolbar buttons, keyboard shortcuts and the Electron menu all run
 * commands by id, so each action is written once.
 */
export interface Command {
  id: CommandId;
  label: string;
  /** Shortcuts in `Mod+Shift+Z` form (see shortcuts.ts); the first is the one menus show. */
  shortcuts: string[];
  /** True when it changes the graph and so can be undone. */
  undoable: boolean;
  run(ctx: CommandContext): void | Promise<void>;
}
