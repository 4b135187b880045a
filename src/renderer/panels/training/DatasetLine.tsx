import type { DatasetRef } from '../../../shared/project';
import { useProject } from '../../stores/appStores';

function datasetName(ref: DatasetRef): string {
  if (ref.source === 'builtin') return ref.name;
  if (ref.source === 'csv') return ref.path;
  return ref.images;
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
