// Renderer code under test uses the DOM; tsconfig.node.json (which checks tests) has no DOM lib.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import lineFit from '../../../resources/examples/line-fit.layerboard.json';
import type { CommandId } from '../../shared/commands';
import type { CommandContext } from '../commands/command';
import { testContext } from '../commands/testContext';
import { projectStore, uiStore } from '../stores/appStores';
import { openArrivedFiles, withChosenFiles } from './arrivedFiles';
import type { OpenedFile } from './platform';

function opened(name: string, text = '', path?: string): OpenedFile {
  return {
    name,
    ...(path ? { path } : {}),
    text: async () => text,
    bytes: async () => new TextEncoder().encode(text),
  };
}

function context(): CommandContext {
  return testContext(vi.fn(async () => opened('from-dialog.csv')));
}

const notices = () => uiStore.getState().notices.map((n) => n.text);

beforeEach(() => {
  for (const n of uiStore.getState().notices) uiStore.getState().dismiss(n.id);
});

describe('withChosenFiles', () => {
  it('answers open requests with the chosen files first, then asks as usual', async () => {
    const ctx = context();
    const chosen = withChosenFiles(ctx, [opened('a.csv'), opened('b.csv')]);
    const request = { title: 'Import', filters: [] };
    expect((await chosen.platform.openFile(request))?.name).toBe('a.csv');
    expect((await chosen.platform.openFile(request))?.name).toBe('b.csv');
    expect((await chosen.platform.openFile(request))?.name).toBe('from-dialog.csv');
    expect(ctx.platform.openFile).toHaveBeenCalledTimes(1);
    expect(chosen.platform.storage).toBe(ctx.platform.storage);
  });
});

describe('openArrivedFiles', () => {
  it('opens a dropped project with the Open command, keeping its path', async () => {
    const text = JSON.stringify(lineFit);
    const file = opened('line-fit.layerboard.json', text, '/lessons/line-fit.layerboard.json');
    await openArrivedFiles([file], context());
    expect(projectStore.getState().file).toEqual({
      name: 'line-fit.layerboard.json',
      path: '/lessons/line-fit.layerboard.json',
    });
    expect(projectStore.getState().dataset).toEqual({
      source: 'builtin',
      name: 'population-profit',
    });
  });

  it('says why a bad project was not opened, and keeps the open one', async () => {
    const before = projectStore.getState().name;
    await openArrivedFiles([opened('broken.layerboard.json', '{"format":"nope"}')], context());
    expect(notices().at(-1)).toMatch(/Could not open broken\.layerboard\.json: format/);
    expect(projectStore.getState().name).toBe(before);
  });

  it('hands CSV and IDX files to Import dataset, one at a time', async () => {
    const run = vi.fn(async (_id: CommandId, ctx: CommandContext) => {
      const file = await ctx.platform.openFile({ title: 'Import', filters: [] });
      seen.push(file?.name ?? '');
    });
    const seen: string[] = [];
    const files = [opened('train-images-idx3-ubyte.gz'), opened('train-labels-idx1-ubyte.gz')];
    await openArrivedFiles(files, context(), run);
    expect(run.mock.calls.map(([id]) => id)).toEqual(['import-dataset', 'import-dataset']);
    expect(seen).toEqual(['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz']);
  });

  it('opens only the project when a project and data arrive together, and says so', async () => {
    const run = vi.fn(async (_id: CommandId, _ctx: CommandContext) => undefined);
    await openArrivedFiles([opened('data.csv'), opened('p.layerboard.json')], context(), run);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]?.[0]).toBe('open');
    expect(notices().at(-1)).toBe('Opened p.layerboard.json; open data.csv on its own.');
  });

  it('refuses files of other kinds with a notice naming them', async () => {
    const run = vi.fn(async () => undefined);
    await openArrivedFiles([opened('photo.png')], context(), run);
    expect(run).not.toHaveBeenCalled();
    expect(notices().at(-1)).toMatch(/photo\.png is none of these/);
  });
});
