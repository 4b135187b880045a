// Renderer code under test uses the DOM; tsconfig.node.json (which checks tests) has no DOM lib.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveAnswer } from '../../shared/ipc';
import { MENU_COMMAND_IDS } from '../../shared/menu';
import type { CommandContext } from '../commands/command';
import { openProject, projectText } from '../project/projectDocument';
import { documentStores, graphStore, uiStore } from '../stores/appStores';
import { TEMPLATES } from '../templates';
import { answerCloseRequest, connectDesktop, isTextField, runMenuCommand } from './desktopEvents';
import type { DesktopShell, Platform } from './platform';

function desktopShell(answer: SaveAnswer = 'cancel') {
  const listeners: { menu?: (id: string) => void; close?: () => void } = {};
  const desktop: DesktopShell = {
    versions: { electron: '45.4.1', chrome: '142' },
    onMenuCommand: vi.fn((listener) => {
      listeners.menu = listener;
      return vi.fn();
    }),
    onOpenFiles: vi.fn(() => vi.fn()),
    onCloseRequested: vi.fn((listener) => {
      listeners.close = listener;
      return vi.fn();
    }),
    closeWindow: vi.fn(),
    toggleFullScreen: vi.fn(),
    askToSave: vi.fn(async () => answer),
    setAvailableCommands: vi.fn(),
    editText: vi.fn(),
    droppedFile: vi.fn(),
    openPath: vi.fn(),
  };
  return { desktop, listeners };
}

function context(saveFile: Platform['saveFile'] = async () => undefined): CommandContext {
  const platform: Platform = {
    kind: 'electron',
    isMac: false,
    openFile: async () => undefined,
    openFiles: async () => [],
    saveFile: vi.fn(saveFile),
    storage: { get: () => null, set: () => undefined },
  };
  return { platform, fitView: () => undefined, zoomIn: () => undefined, zoomOut: () => undefined };
}

/** A fresh, saved project; then one undoable change, so it has unsaved changes. */
function makeUnsaved(): void {
  openProject(documentStores, structuredClone(TEMPLATES[0]!.project), {
    name: 'a.layerboard.json',
  });
  graphStore.getState().selectAll();
  graphStore.getState().deleteSelected();
}

beforeEach(() => {
  openProject(documentStores, structuredClone(TEMPLATES[0]!.project));
});

describe('menu commands from the native menu', () => {
  it('runs the renderer command with that id', () => {
    const run = vi.fn();
    const { desktop } = desktopShell();
    runMenuCommand('fit-view', context(), desktop, null, run);
    expect(run).toHaveBeenCalledWith('fit-view', expect.anything());
  });

  it('edits text instead while a text field has the focus', () => {
    const run = vi.fn();
    const { desktop } = desktopShell();
    const input = { tagName: 'INPUT', isContentEditable: false } as unknown as Element;
    runMenuCommand('select-all', context(), desktop, input, run);
    runMenuCommand('copy', context(), desktop, input, run);
    expect(desktop.editText).toHaveBeenCalledWith('selectAll');
    expect(desktop.editText).toHaveBeenCalledWith('copy');
    // Save is no text edit: it still saves.
    runMenuCommand('save', context(), desktop, input, run);
    expect(run.mock.calls.map((call) => call[0])).toEqual(['save']);
  });

  it('says so when the menu names a command this version lacks', () => {
    const run = vi.fn();
    runMenuCommand('retrain-universe', context(), desktopShell().desktop, null, run);
    expect(run).not.toHaveBeenCalled();
    expect(uiStore.getState().notices.at(-1)?.text).toBe(
      'The menu asked for "retrain-universe", which this version lacks.',
    );
  });

  it('knows text fields', () => {
    expect(isTextField(null)).toBe(false);
    const el = (tagName: string, isContentEditable = false) =>
      ({ tagName, isContentEditable }) as unknown as Element;
    expect(isTextField(el('TEXTAREA'))).toBe(true);
    expect(isTextField(el('DIV', true))).toBe(true);
    expect(isTextField(el('BUTTON'))).toBe(false);
  });
});

describe('closing the window', () => {
  it('closes at once without unsaved changes', async () => {
    const { desktop } = desktopShell();
    await answerCloseRequest(context(), desktop);
    expect(desktop.askToSave).not.toHaveBeenCalled();
    expect(desktop.closeWindow).toHaveBeenCalled();
  });

  it("asks about unsaved changes: Cancel keeps the window, Don't save closes it", async () => {
    makeUnsaved();
    const cancel = desktopShell('cancel').desktop;
    await answerCloseRequest(context(), cancel);
    expect(cancel.askToSave).toHaveBeenCalledWith(documentStores.project.getState().name);
    expect(cancel.closeWindow).not.toHaveBeenCalled();
    const discard = desktopShell('discard').desktop;
    await answerCloseRequest(context(), discard);
    expect(discard.closeWindow).toHaveBeenCalled();
  });

  it('saves first when asked to, and closes only once it is saved', async () => {
    makeUnsaved();
    const { desktop } = desktopShell('save');
    // The user cancels the save dialog: the window stays.
    await answerCloseRequest(context(), desktop);
    expect(desktop.closeWindow).not.toHaveBeenCalled();
    const saving = context(async (request) => ({ name: request.suggestedName, path: '/p/a.json' }));
    await answerCloseRequest(saving, desktop);
    expect(saving.platform.saveFile).toHaveBeenCalledWith(
      expect.objectContaining({ data: projectText(documentStores) }),
    );
    expect(desktop.closeWindow).toHaveBeenCalled();
  });
});

describe('connectDesktop', () => {
  it('tells main which menu commands exist, listens, and stops listening', () => {
    const { desktop } = desktopShell();
    const disconnect = connectDesktop(context(), desktop);
    const ids = vi.mocked(desktop.setAvailableCommands).mock.calls[0]?.[0] ?? [];
    expect([...ids].sort()).toEqual([...MENU_COMMAND_IDS].sort());
    disconnect();
    for (const subscribe of [
      desktop.onMenuCommand,
      desktop.onOpenFiles,
      desktop.onCloseRequested,
    ]) {
      const stop = vi.mocked(subscribe).mock.results[0]?.value as () => void;
      expect(stop).toHaveBeenCalled();
    }
  });
});
