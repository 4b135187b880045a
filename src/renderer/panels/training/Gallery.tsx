import { useTraining } from '../../stores/appStores';
import { SampleTiles } from './SampleTiles';
import { useInspect } from './useInspect';

const NO_CLASSES: readonly string[] = [];

/** Evaluated images (or rows) with true and predicted labels, the misclassified ones first. */
export function Gallery() {
  const gallery = useTraining((s) => s.gallery);
  const inspect = useInspect();
  const classes = useTraining((s) => s.facts?.classes ?? NO_CLASSES);
  const on = useTraining((s) => s.evaluation?.on ?? s.facts?.evaluatedOn ?? 'evaluated');
  if (!gallery) return null;
  const wrong = gallery.truth.filter((t, i) => t !== gallery.predicted[i]).length;
  return (
    <section className="chart-card" aria-label="Predictions gallery">
      <div className="chart-head">
        <h3>Predictions</h3>
        <span className="chart-figure">
          {wrong} of the first {gallery.indices.length} shown are wrong ({on} split)
        </span>
      </div>
      <SampleTiles set={gallery} classes={classes} inspect={inspect} />
    </section>
  );
}
