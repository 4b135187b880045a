import { useEffect } from 'react';
import type { CommandContext } from '../commands/command';
import { datasetStore, projectStore } from '../stores/appStores';
import { connectDesktop } from './desktopEvents';
import { listenForFileDrops } from './fileDrops';
import { connectProjectData, pathReader } from './projectFiles';

/**
 * Connects the window to what surrounds it: the native menu runs commands by id (in the desktop
 * app), files dropped on the window or handed over by the OS open, an opened project's data
 * files are read from beside it (in the desktop app), closing asks about unsaved changes.
 */
export function useMenuCommands(ctx: CommandContext): void {
  useEffect(() => listenForFileDrops(ctx, window), [ctx]);
  useEffect(() => connectProjectData(projectStore, datasetStore, pathReader(ctx.platform)), [ctx]);
  useEffect(() => {
    const desktop = ctx.platform.desktop;
    return desktop ? connectDesktop(ctx, desktop) : undefined;
  }, [ctx]);
}
