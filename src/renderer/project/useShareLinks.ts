import { useEffect } from 'react';
import { documentStores, uiStore } from '../stores/appStores';
import { openSharedLink } from './sharing';

/**
 * Opens a share link's project: the one the page was opened with (once the window shows, after
 * the autosave brought back what was open, so unsaved work is asked about), and any pasted into
 * the address bar of the open tab later (`hashchange`).
 */
export function useShareLinks(): void {
  useEffect(() => {
    const open = () => openSharedLink(documentStores, uiStore, window);
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);
}
