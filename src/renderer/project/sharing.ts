import type { StoreApi } from 'zustand/vanilla';
import { baseName } from '../../shared/fileKinds';
import type { DatasetRef } from '../../shared/project';
import type { UiState } from '../stores/uiStore';
import { dataFiles } from './dataPaths';
import { currentProject, type DocumentStores, mayReplace, openProject } from './projectDocument';
import { readShareFragment, type ShareLink, shareLink } from './shareLink';

/** "farms.csv", or "train-images.gz and train-labels.gz": the files a dataset ref names. */
function dataNames(ref: DatasetRef): string | undefined {
  const names = dataFiles(ref).map(baseName);
  return names.length > 0 ? names.join(' and ') : undefined;
}

/** The open project's share link, and what a person sharing it should know about it. */
export function linkToShare(
  stores: DocumentStores,
  page: string,
): { made: ShareLink; notes: string[] } {
  const project = currentProject(stores);
  const made = shareLink(project, page);
  const notes: string[] = [];
  if (made.ok && made.weightsLeftOut) {
    notes.push(
      `Its initial weights are too long for a link and left out: it starts from the weights of seed ${project.training.seed}.`,
    );
  }
  const data = dataNames(project.dataset);
  if (made.ok && data) {
    notes.push(
      `Its data, ${data}, is not in the link: each person opening it imports their own copy.`,
    );
  }
  return { made, notes };
}

/**
 * Classroom > Copy share link: copies the open project's link to the clipboard and says so; where the
 * clipboard refuses (permission, an insecure page), opens the dialog that shows it to copy by
 * hand. A project too long for a link is refused with the reason.
 */
export async function copyShareLink(
  stores: DocumentStores,
  ui: StoreApi<UiState>,
  page: { href: string; clipboard: Pick<Clipboard, 'writeText'> | undefined },
): Promise<void> {
  const name = stores.project.getState().name;
  const { made, notes } = linkToShare(stores, page.href);
  if (!made.ok) {
    ui.getState().notify('error', `There is no share link for "${name}": ${made.error}.`);
    return;
  }
  const copied = await page.clipboard?.writeText(made.link).then(
    () => true,
    () => false,
  );
  if (!copied) {
    ui.getState().openDialog('share-link');
    return;
  }
  const said = `Copied a link that opens "${name}" as it is now (${made.link.length.toLocaleString('en-US')} characters).`;
  ui.getState().notify('info', [said, ...notes].join(' '));
}

/** What of the page a share link is opened from: its address, to read and then tidy. */
export interface SharePage {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
}

/**
 * Opens the project that the page's address shares (`#project=...`), once: the fragment is
 * taken out of the address (without a reload), so a reload keeps the edits made since (autosave)
 * instead of starting over from the link. Unsaved changes are asked about first. A bad link is
 * refused with the reason and the open project stays as it was. Nothing happens without one.
 */
export function openSharedLink(
  stores: DocumentStores,
  ui: StoreApi<UiState>,
  page: SharePage,
): void {
  const read = readShareFragment(page.location.hash);
  if (!read) return;
  const { pathname, search } = page.location;
  page.history.replaceState(page.history.state, '', `${pathname}${search}`);
  if (!read.ok) {
    ui.getState().notify(
      'error',
      `Could not open the shared link: ${read.error}. Your open project is unchanged.`,
    );
    return;
  }
  const sharedName = read.value.name ?? 'the shared project';
  if (!mayReplace(stores)) {
    ui.getState().notify(
      'info',
      `Kept "${stores.project.getState().name}" open; "${sharedName}" from the link was not opened. Open the link again to open it.`,
    );
    return;
  }
  openProject(stores, read.value);
  const data = dataNames(read.value.dataset);
  const opened = `Opened "${stores.project.getState().name}" from a shared link.`;
  ui.getState().notify(
    'info',
    data
      ? `${opened} Its data, ${data}, is not in the link: the Dataset tab says where it comes from.`
      : opened,
  );
  if (data) ui.getState().showTab('Dataset');
}
