import { useLock } from '../../classroom/locks';
import { datasetStore } from '../../stores/appStores';
import { DataError } from './DataStatus';

/**
 * The bar under an import's preview: what keeps the data from being used, the worker's answer
 * when it could not read it (next to the button that asked), and the buttons to use or drop it.
 */
export function DraftActions({
  canUse,
  problem,
}: {
  canUse: boolean;
  problem?: string | undefined;
}) {
  // An assignment that locks the dataset takes no other: the draft can be looked at, not used.
  const locked = useLock('dataset');
  const shown = locked ?? problem;
  return (
    <div className="draft-actions">
      {shown && <p className="draft-problem">{shown}</p>}
      <DataError />
      <div className="draft-buttons">
        <button
          type="button"
          className="button primary"
          disabled={!canUse || locked !== undefined}
          onClick={() => void datasetStore.getState().commit()}
        >
          Use this data
        </button>
        <button type="button" className="button" onClick={() => datasetStore.getState().discard()}>
          Cancel
        </button>
      </div>
    </div>
  );
}
