import { datasetStore, useDataset } from '../../stores/appStores';
import { formatBytes, sentence } from './format';

/**
 * The worker's progress on a file, and the last problem with the data, said plainly; an import's
 * problem shows beside its buttons instead (DataError in DraftActions).
 */
export function DataStatus() {
  const progress = useDataset((s) => s.progress);
  const drafting = useDataset((s) => s.draft !== undefined);
  return (
    <>
      {progress && (
        <div className="data-progress">
          <span>
            {progress.label}
            {progress.read > 0 &&
              (progress.total
                ? ` (${formatBytes(progress.read)} of ${formatBytes(progress.total)})`
                : ` (${formatBytes(progress.read)})`)}
            …
          </span>
          <progress
            aria-label={progress.label}
            value={progress.total ? progress.read : undefined}
            max={progress.total}
          />
        </div>
      )}
      {!drafting && <DataError />}
    </>
  );
}

/** The last problem with the data, with a button to dismiss it. */
export function DataError() {
  const error = useDataset((s) => s.error);
  if (!error) return null;
  return (
    <div className="data-error" role="alert">
      <p>{sentence(error.message)}</p>
      {error.projectUnchanged && <p className="data-error-note">Your project is unchanged.</p>}
      <button type="button" onClick={() => datasetStore.getState().dismissError()}>
        Dismiss
      </button>
    </div>
  );
}
