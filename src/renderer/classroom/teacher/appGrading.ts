import { baseName } from '../../../shared/fileKinds';
import type { DatasetRef } from '../../../shared/project';
import { dataFiles } from '../../project/dataPaths';
import { browserKeeper } from '../../project/keptFiles';
import { datasetStore, trainingStore } from '../../stores/appStores';
import { builtinDatasetsUrl } from '../../stores/datasetsUrl';
import { startEngine } from '../../worker/engineClient';
import { createGradingStore } from './gradingStore';
import { dataFrom } from './handInGrading';

/** Why grading waits for the app's own run. */
export const TRAINING_BLOCKS_GRADING =
  'The model is training: stop its run before grading hand-ins. Grading re-trains every hand-in, and both at once would share the same processor and slow each other down.';

/** Why the app's own run waits for grading. */
export const GRADING_BLOCKS_TRAINING =
  'Hand-ins are being graded: training can start once the grading ends (or is stopped). Both at once would share the same processor and slow each other down.';

const keeper = browserKeeper();

/** Files under an image folder's path, as a folder dataset's imports hold them. */
function under(folder: string, files: ReadonlyMap<string, Blob>): Map<string, Blob> {
  return new Map([...files].filter(([key]) => key.startsWith(`${folder}/`)));
}

/**
 * A hand-in's data files that the app has: imported into the open project now, or kept in the
 * browser's storage from an earlier import (src/renderer/project/keptFiles.ts).
 */
async function findData(ref: DatasetRef): Promise<Map<string, Blob>> {
  const imports = datasetStore.getState().imports;
  if (ref.source === 'folder') {
    const open = under(ref.path, imports);
    return open.size > 0 ? open : keeper.findUnder(ref.path);
  }
  const found = dataFrom(ref, imports);
  for (const path of dataFiles(ref)) {
    if (found.has(path)) continue;
    const blob = (await keeper.find(path)) ?? (await keeper.find(baseName(path)));
    if (blob) found.set(path, blob);
  }
  return found;
}

/** The app's teacher view: its hand-ins re-train in a worker of their own. */
export const gradingStore = createGradingStore({
  startEngine,
  datasetsUrl: builtinDatasetsUrl,
  findData,
  blocked: () => (trainingStore.getState().running ? TRAINING_BLOCKS_GRADING : undefined),
});
