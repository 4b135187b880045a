// Renderer code under test uses the DOM; tsconfig.node.json (which checks tests) has no DOM lib.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../commands/command';
import { datasetStore, uiStore } from '../stores/appStores';
import { listenForFileDrops } from './fileDrops';
import type { Platform } from './platform';

function drag(
  type: 'dragover' | 'drop',
  types: string[],
  files: File[] = [],
  entries: object[] = files.map((f) => ({ isDirectory: false, name: f.name })),
): Event {
  const event = new Event(type, { cancelable: true });
  const items = entries.map((entry) => ({ webkitGetAsEntry: () => entry }));
  return Object.assign(event, { dataTransfer: { types, files, items, dropEffect: 'none' } });
}

/** A dropped folder's entry as Chromium gives it: its reader answers in batches, then none. */
function folderEntry(name: string, children: object[]): object {
  return {
    isDirectory: true,
    name,
    createReader: () => {
      const batches = [children.slice(0, 1), children.slice(1), []];
      return { readEntries: (done: (batch: object[]) => void) => done(batches.shift() ?? []) };
    },
  };
}

const fileEntry = (file: File) => ({
  isDirectory: false,
  name: file.name,
  file: (done: (file: File) => void) => done(file),
});

const ctx: CommandContext = {
  platform: {
    kind: 'browser',
    isMac: false,
    openFile: async () => undefined,
    openFiles: async () => [],
    saveFile: async () => undefined,
    storage: { get: () => null, set: () => undefined },
  } satisfies Platform,
  fitView: () => undefined,
  zoomIn: () => undefined,
  zoomOut: () => undefined,
};

beforeEach(() => {
  for (const n of uiStore.getState().notices) uiStore.getState().dismiss(n.id);
});

describe('listenForFileDrops', () => {
  it('accepts files dragged over the window, and opens what is dropped', async () => {
    const target = new EventTarget();
    const stop = listenForFileDrops(ctx, target);
    const over = drag('dragover', ['Files']);
    target.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    const drop = drag('drop', ['Files'], [new File(['x'], 'notes.docx')]);
    target.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await vi.waitFor(() =>
      expect(uiStore.getState().notices.at(-1)?.text).toMatch(/notes\.docx is none of these/),
    );
    stop();
  });

  it('imports a dropped folder with its files by their paths under it', async () => {
    const importFolder = vi.fn(async () => undefined);
    datasetStore.setState({ importFolder });
    const target = new EventTarget();
    const stop = listenForFileDrops(ctx, target);
    const boot = new File(['b'], '1.png');
    const sandal = new File(['s'], '2.png');
    const shoes = folderEntry('shoes', [
      folderEntry('boot', [fileEntry(boot)]),
      folderEntry('sandal', [fileEntry(sandal)]),
    ]);
    target.dispatchEvent(drag('drop', ['Files'], [new File([], 'shoes')], [shoes]));
    await vi.waitFor(() =>
      expect(importFolder).toHaveBeenCalledWith('shoes', [
        { path: 'boot/1.png', file: boot },
        { path: 'sandal/2.png', file: sandal },
      ]),
    );
    stop();
  });

  it('leaves layers dragged from the palette to the canvas, and stops listening', () => {
    const target = new EventTarget();
    const stop = listenForFileDrops(ctx, target);
    const palette = drag('dragover', ['application/x-layerboard-node']);
    target.dispatchEvent(palette);
    expect(palette.defaultPrevented).toBe(false);
    stop();
    const late = drag('dragover', ['Files']);
    target.dispatchEvent(late);
    expect(late.defaultPrevented).toBe(false);
  });
});
