import type { StoreApi } from 'zustand/vanilla';
import type { DatasetState, ReadPath } from '../stores/datasetState';
import { refKey } from '../stores/projectData';
import type { ProjectState } from '../stores/projectStore';
import type { Platform } from './platform';

/** How the platform reads a file by path: through main in the desktop app; a browser cannot. */
export function pathReader(platform: Platform): ReadPath | undefined {
  const desktop = platform.desktop;
  if (!desktop) return undefined;
  return async (path) => {
    const bytes = await desktop.openPath(path).bytes();
    return new Blob([bytes as Uint8Array<ArrayBuffer>]);
  };
}

/**
 * Loads the data of whatever project is open: each time the project's dataset is another one (a
 * project opened from a file, the OS or the recent list; one brought back after a reload), its
 * CSV or IDX files are read by path where `read` can, and described, so the Input node has its
 * shape without an import. Returns the disconnect.
 */
export function connectProjectData(
  project: StoreApi<ProjectState>,
  dataset: StoreApi<DatasetState>,
  read: ReadPath | undefined,
): () => void {
  let last: string | undefined;
  const check = () => {
    const ref = project.getState().dataset;
    const key = refKey(ref);
    if (key === last) return;
    last = key;
    // A built-in is read when the dataset panel shows it: there is no shape to wait for.
    if (ref.source !== 'builtin') void dataset.getState().loadProjectData(read);
  };
  check();
  return project.subscribe(check);
}
