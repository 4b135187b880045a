import { useEffect } from 'react';
import type { CommandContext } from '../commands/command';
import { connectDesktop } from './desktopEvents';
import { listenForFileDrops } from './fileDrops';

/**
 * Connects the window to what surrounds it: the native menu runs commands by id (in the desktop
 * app), files dropped on the window or handed over by the OS open, closing asks about unsaved
 * changes.
 */
export function useMenuCommands(ctx: CommandContext): void {
  useEffect(() => listenForFileDrops(ctx, window), [ctx]);
  useEffect(() => {
    const desktop = ctx.platform.desktop;
    return desktop ? connectDesktop(ctx, desktop) : undefined;
  }, [ctx]);
}
