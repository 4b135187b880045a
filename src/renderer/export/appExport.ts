import { useStore } from 'zustand';
import { projectStore, uiStore } from '../stores/appStores';
import { currentModelFile } from './exportSource';
import { createExportStore, type ExportState } from './exportStore';
import { verificationText, verifyOnnx } from './verifyOnnx';

/** The app's one export store, wired to the training panel's run and the app's notices. */
export const exportStore = createExportStore({
  modelFile: currentModelFile,
  projectName: () => projectStore.getState().name,
  verifyOnnx,
  verificationText,
  notify: (tone, text) => uiStore.getState().notify(tone, text),
});

export function useExport<T>(selector: (state: ExportState) => T): T {
  return useStore(exportStore, selector);
}
