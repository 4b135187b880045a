import { useEffect } from 'react';
import { baseName } from '../../../shared/fileKinds';
import { countOf } from '../../../shared/plural';
import { datasetStore, useDataset } from '../../stores/appStores';
import { formatBytes } from './format';

/**
 * The imported files this browser keeps so that a reload finds them, with the space they take and
 * a way to free it: removing a file here keeps the open project's data until the next reload.
 */
export function KeptFiles() {
  const kept = useDataset((s) => s.kept);
  useEffect(() => {
    void datasetStore.getState().listKept();
  }, []);
  if (kept.length === 0) return null;
  const total = kept.reduce((sum, f) => sum + f.size, 0);
  return (
    <details className="kept-files">
      <summary>
        Kept in this browser: {countOf(kept.length, 'file')}, {formatBytes(total)}
      </summary>
      <p className="kept-files-note">
        Imported files stay here so that a reload or a reopened project finds its data. Remove them
        to free the space; a project that needs one asks for it again.
      </p>
      <ul aria-label="Files kept in this browser">
        {kept.map((file) => (
          <li key={file.path}>
            <span className="kept-file-name" title={file.path}>
              {baseName(file.path)}
            </span>
            <span className="kept-file-size">{formatBytes(file.size)}</span>
            <button
              type="button"
              className="button small"
              aria-label={`Remove ${baseName(file.path)} from this browser`}
              onClick={() => void datasetStore.getState().forgetKept(file.path)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {kept.length > 1 && (
        <button
          type="button"
          className="button small"
          onClick={() => void datasetStore.getState().forgetAllKept()}
        >
          Remove all
        </button>
      )}
    </details>
  );
}
