import { trainingStore, useTraining } from '../../stores/appStores';
import { SampleTiles } from './SampleTiles';
import { useInspect } from './useInspect';

const NO_CLASSES: readonly string[] = [];

/** The samples behind the confusion-matrix cell the user clicked, with their probabilities. */
export function CellSamples() {
  const cell = useTraining((s) => s.cell);
  const inspect = useInspect();
  const classes = useTraining((s) => s.facts?.classes ?? NO_CLASSES);
  const on = useTraining((s) => s.evaluation?.on ?? 'evaluated');
  if (!cell) return null;
  const name = (i: number) => classes[i] ?? String(i);
  const samples = cell.samples;
  return (
    <section className="cell-samples" aria-label="Samples of the cell">
      <div className="chart-head">
        <h4>
          True {name(cell.truth)}, predicted {name(cell.predicted)}
          {samples && `: ${samples.total.toLocaleString('en-US')} ${on} samples`}
          {samples &&
            samples.total > samples.indices.length &&
            ` (first ${samples.indices.length})`}
        </h4>
        <button
          type="button"
          className="link-button"
          onClick={() => trainingStore.getState().closeCell()}
        >
          Close
        </button>
      </div>
      {samples ? (
        <SampleTiles set={samples} classes={classes} inspect={inspect} />
      ) : (
        <p className="chart-hint">Loading…</p>
      )}
    </section>
  );
}
