import type { CommandId } from '../../shared/commands';
import { fileKind } from '../../shared/fileKinds';
import type { CommandContext } from '../commands/command';
import { runCommandToEnd } from '../commands/registry';
import { uiStore } from '../stores/appStores';
import type { OpenedFile, Platform } from './platform';

/**
 * A context whose platform answers the next requests for a file with `files`, the ones the user
 * already chose by dropping them (or the OS handed over), before it would show a dialog. So
 * Open and Import dataset open a dropped file with exactly the code their menu items run.
 */
export function withChosenFiles(ctx: CommandContext, files: readonly OpenedFile[]): CommandContext {
  const queue = [...files];
  const platform: Platform = {
    ...ctx.platform,
    openFile: (options) => {
      const next = queue.shift();
      return next ? Promise.resolve(next) : ctx.platform.openFile(options);
    },
  };
  return { ...ctx, platform };
}

const names = (files: readonly OpenedFile[]) => files.map((f) => f.name).join(', ');

/**
 * Opens files dropped on the window or handed over by the OS: a project replaces the open one
 * (asking first about unsaved changes), CSV and IDX files and .zip archives of images go to the
 * dataset import, one after the other (an IDX pair is two files).
 */
export async function openArrivedFiles(
  files: readonly OpenedFile[],
  ctx: CommandContext,
  run: (id: CommandId, ctx: CommandContext) => Promise<void> = runCommandToEnd,
): Promise<void> {
  const notify = uiStore.getState().notify;
  const projects = files.filter((f) => fileKind(f.name) === 'project');
  const data = files.filter((f) => {
    const kind = fileKind(f.name);
    return kind === 'csv' || kind === 'idx' || kind === 'zip';
  });
  const others = files.filter((f) => fileKind(f.name) === undefined);
  if (others.length > 0) {
    notify(
      'error',
      `Layerboard opens projects (.layerboard.json), CSV files, IDX files and .zip archives of images; ${names(others)} is none of these.`,
    );
  }
  const [project, ...moreProjects] = projects;
  if (project) {
    if (moreProjects.length > 0 || data.length > 0) {
      notify(
        'info',
        `Opened ${project.name}; open ${names([...moreProjects, ...data])} on its own.`,
      );
    }
    await run('open', withChosenFiles(ctx, [project]));
    return;
  }
  for (const file of data) await run('import-dataset', withChosenFiles(ctx, [file]));
}
