import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import type { CommandId } from '../../shared/commands';
import { platform } from '../platform/currentPlatform';
import type { CommandContext } from './command';
import { commandForKey, runCommand } from './registry';

/**
 * Ids whose shortcut also works while the user types in a field: they mean nothing to a field
 * (Ctrl+Enter trains once Enter has committed the field's value).
 */
const GLOBAL_WHILE_TYPING = new Set<CommandId>([
  'new',
  'open',
  'save',
  'save-as',
  'connect',
  'train',
]);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

/** The context commands run in, for toolbar buttons and menus. */
export function useCommandContext(): CommandContext {
  const flow = useReactFlow();
  return useMemo(
    () => ({
      platform,
      fitView: (options) => void flow.fitView(options),
      zoomIn: (options) => void flow.zoomIn(options),
      zoomOut: (options) => void flow.zoomOut(options),
    }),
    [flow],
  );
}

/**
 * Binds every command's shortcuts to the window. Keys pressed in an open dialog are the
 * dialog's (Escape closes it, Enter submits it): no command runs behind a modal.
 */
export function useShortcuts(ctx: CommandContext): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
      const command = commandForKey(event, platform.isMac);
      if (!command) return;
      if (isTyping(event.target) && !GLOBAL_WHILE_TYPING.has(command.id)) return;
      event.preventDefault();
      runCommand(command.id, ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx]);
}
