import { parseProject } from '../../shared/parseProject';
import type { Platform } from '../platform/platform';
import { currentProject, type DocumentStores, openProject } from './projectDocument';

export const AUTOSAVE_KEY = 'layerboard:autosave';

/**
 * Brings back the project that was open when the window closed, crashed or reloaded. Returns
 * false (and leaves the stores alone) when there is none or it no longer validates.
 */
export function restoreAutosave(stores: DocumentStores, storage: Platform['storage']): boolean {
  const text = storage.get(AUTOSAVE_KEY);
  if (!text) return false;
  try {
    const saved = JSON.parse(text) as {
      project?: unknown;
      file?: { name?: unknown; path?: unknown };
      savedText?: unknown;
    };
    const result = parseProject(saved.project);
    if (!result.ok) return false;
    const name = saved.file?.name;
    const path = saved.file?.path;
    const file =
      typeof name === 'string'
        ? { name, ...(typeof path === 'string' ? { path } : {}) }
        : undefined;
    openProject(stores, result.value, file);
    // Unsaved work stays unsaved after a reload: Save and the close prompt still know it.
    stores.project
      .getState()
      .markSaved(typeof saved.savedText === 'string' ? saved.savedText : undefined);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the open project to storage a moment after every change, so nothing a user does is
 * lost. Returns a function that stops it.
 */
export function startAutosave(
  stores: DocumentStores,
  storage: Platform['storage'],
  delayMs = 300,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const save = () => {
    timer = undefined;
    const { file, savedText } = stores.project.getState();
    const text = JSON.stringify({ project: currentProject(stores), file, savedText });
    if (text !== last) storage.set(AUTOSAVE_KEY, text);
    last = text;
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(save, delayMs);
  };
  const unsubscribe = [stores.graph.subscribe(schedule), stores.project.subscribe(schedule)];
  // Closing the window mid-delay still saves (stores made in tests have no window).
  const page = typeof window === 'undefined' ? undefined : window;
  page?.addEventListener('pagehide', save);
  return () => {
    for (const stop of unsubscribe) stop();
    page?.removeEventListener('pagehide', save);
    if (timer !== undefined) clearTimeout(timer);
  };
}
