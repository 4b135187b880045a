import type { CommandId } from '../../shared/commands';
import { isCommandId } from '../../shared/commands';
import type { EditAction } from '../../shared/ipc';
import { MENU_COMMAND_IDS } from '../../shared/menu';
import type { CommandContext } from '../commands/command';
import { COMMANDS, runCommand } from '../commands/registry';
import { type DocumentStores, hasUnsavedChanges } from '../project/projectDocument';
import { documentStores, uiStore } from '../stores/appStores';
import { openArrivedFiles } from './arrivedFiles';
import type { DesktopShell } from './platform';

/** Menu commands that mean text editing while the user types in a field. */
const TEXT_EDITS: Partial<Record<string, EditAction>> = {
  undo: 'undo',
  redo: 'redo',
  cut: 'cut',
  copy: 'copy',
  paste: 'paste',
  delete: 'delete',
  'select-all': 'selectAll',
};

export function isTextField(element: Element | null): boolean {
  if (!element || !('isContentEditable' in element)) return false;
  return (
    (element as HTMLElement).isContentEditable ||
    ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName)
  );
}

/** The ids of the menu's commands, which main enables once this renderer is ready to run them. */
export function availableMenuCommands(): string[] {
  return [...MENU_COMMAND_IDS];
}

/**
 * Runs what the native menu asked for. Edit > Copy while a text field has the focus copies its
 * text (Chromium does it), not the selected layers.
 */
export function runMenuCommand(
  id: string,
  ctx: CommandContext,
  desktop: DesktopShell,
  focused: Element | null,
  run: (id: CommandId, ctx: CommandContext) => void = runCommand,
): void {
  const edit = TEXT_EDITS[id];
  if (edit && isTextField(focused)) desktop.editText(edit);
  else if (isCommandId(id)) run(id, ctx);
  // Main builds its menu from the same table; another id is a main of another version.
  else uiStore.getState().notify('error', `The menu asked for "${id}", which this version lacks.`);
}

/**
 * The window is about to close: close it, unless there are unsaved changes, in which case the
 * user chooses Save (and the window closes once it is saved), Don't save, or Cancel.
 */
export async function answerCloseRequest(
  ctx: CommandContext,
  desktop: DesktopShell,
  stores: DocumentStores = documentStores,
): Promise<void> {
  if (!hasUnsavedChanges(stores)) return desktop.closeWindow();
  const answer = await desktop.askToSave(stores.project.getState().name);
  if (answer === 'cancel') return;
  if (answer === 'save') {
    try {
      await COMMANDS.save.run(ctx);
    } catch (err) {
      uiStore.getState().notify('error', `Save failed: ${(err as Error).message}`);
      return;
    }
    // Still unsaved: the user cancelled the save dialog, so the window stays.
    if (hasUnsavedChanges(stores)) return;
  }
  desktop.closeWindow();
}

/** Connects the native menu, files from the OS and the close prompt; returns the disconnect. */
export function connectDesktop(ctx: CommandContext, desktop: DesktopShell): () => void {
  desktop.setAvailableCommands(availableMenuCommands());
  // A second click on the close button while the question is up asks nothing more.
  let answering = false;
  const onClose = () => {
    if (answering) return;
    answering = true;
    void answerCloseRequest(ctx, desktop).finally(() => {
      answering = false;
    });
  };
  const stops = [
    desktop.onMenuCommand((id) => runMenuCommand(id, ctx, desktop, document.activeElement)),
    desktop.onOpenFiles((files) => void openArrivedFiles(files, ctx)),
    desktop.onCloseRequested(onClose),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
