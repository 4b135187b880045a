import { builtinDataset } from '../../../engine';
import { baseName } from '../../../shared/fileKinds';
import type { DatasetRef } from '../../../shared/project';
import { useProject } from '../../stores/appStores';

function datasetName(ref: DatasetRef): string {
  if (ref.source === 'builtin') return builtinDataset(ref.name).title;
  // The file's name: the desktop app holds its whole path, which is too long for the line.
  if (ref.source === 'csv' || ref.source === 'folder') return baseName(ref.path);
  return baseName(ref.images);
}

/** Which dataset the run trains on; it is chosen in the Dataset tab. */
export function DatasetLine() {
  const ref = useProject((s) => s.dataset);
  return (
    <p className="dataset-line">
      Dataset: <strong>{datasetName(ref)}</strong> <span>(choose it in the Dataset tab)</span>
    </p>
  );
}
