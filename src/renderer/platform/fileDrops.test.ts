// Renderer code under test uses the DOM; tsconfig.node.json (which checks tests) has no DOM lib.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandContext } from '../commands/command';
import { uiStore } from '../stores/appStores';
import { listenForFileDrops } from './fileDrops';
import type { Platform } from './platform';

function drag(type: 'dragover' | 'drop', types: string[], files: File[] = []): Event {
  const event = new Event(type, { cancelable: true });
  return Object.assign(event, { dataTransfer: { types, files, dropEffect: 'none' } });
}

const ctx: CommandContext = {
  platform: {
    kind: 'browser',
    isMac: false,
    openFile: async () => undefined,
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
