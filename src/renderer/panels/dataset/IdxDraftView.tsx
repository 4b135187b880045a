import { importDataset } from '../../commands/dataCommands';
import { useCommandContext } from '../../commands/useCommands';
import { uiStore, useDataset } from '../../stores/appStores';
import type { IdxDraft, IdxPart } from '../../stores/idxDraft';
import { DatasetDetails } from './DatasetDetails';
import { DatasetFacts } from './DatasetFacts';
import { DraftActions } from './DraftActions';
import { formatCount } from './format';

function partText(part: IdxPart | undefined): string {
  if (!part) return 'not chosen yet';
  const { name, count, rows, cols } = part.summary;
  const size = rows !== undefined ? ` of ${rows} x ${cols}` : '';
  return `${name}: ${formatCount(count)} ${part.summary.kind}${size}`;
}

/** An MNIST-style pair being imported: each file as the worker read it, then the pair described. */
export function IdxDraftView({ draft }: { draft: IdxDraft }) {
  const ctx = useCommandContext();
  const busy = useDataset((s) => s.progress !== undefined);
  const missing = !draft.images ? 'images' : !draft.labels ? 'labels' : undefined;
  const choose = (kind: string) =>
    importDataset(ctx.platform, `Choose the ${kind} file`).catch((err: Error) =>
      uiStore.getState().notify('error', `Import failed: ${err.message}`),
    );
  return (
    <section className="draft" aria-label="Import IDX files">
      <h3 className="draft-title">IDX images and labels</h3>
      <dl className="facts">
        <dt>Images</dt>
        <dd>{partText(draft.images)}</dd>
        <dt>Labels</dt>
        <dd>{partText(draft.labels)}</dd>
      </dl>
      {missing && (
        <>
          <p className="draft-summary">
            An IDX dataset is a pair of files: choose its {missing} file too (such as{' '}
            {missing === 'labels' ? 'train-labels-idx1-ubyte.gz' : 'train-images-idx3-ubyte.gz'}).
          </p>
          <button type="button" className="button" onClick={() => void choose(missing)}>
            Choose {missing} file…
          </button>
        </>
      )}
      {draft.description && (
        <>
          <DatasetFacts info={draft.description} />
          <DatasetDetails description={draft.description} />
        </>
      )}
      <DraftActions canUse={!busy && Boolean(draft.description)} />
    </section>
  );
}
