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
  return (
    <div className="draft-actions">
      {problem && <p className="draft-problem">{problem}</p>}
      <DataError />
      <div className="draft-buttons">
        <button
          type="button"
          className="button primary"
          disabled={!canUse}
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
