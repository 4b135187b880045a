import { datasetStore } from '../../stores/appStores';

/** The bar under an import's preview: use the data (when it can be used), or drop it. */
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
