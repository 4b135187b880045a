import { useTraining } from '../../stores/appStores';
import { FeatureMapsView } from './FeatureMapsView';
import { FilterGrid } from './FilterGrid';
import { LayerHistograms } from './LayerHistograms';

/**
 * Inside the model: the first convolution's filters, what each conv and pool layer makes of one
 * test image, and how every layer's weights and outputs are spread at each epoch's end. The
 * histograms are there for any model with weights; filters and maps for models with conv layers.
 */
export function InsideModel() {
  const shown = useTraining(
    (s) =>
      s.view?.kind === 'filters' ||
      s.inspected !== undefined ||
      s.history.some((e) => e.insides !== undefined),
  );
  if (!shown) return null;
  return (
    <section className="inside-model" aria-labelledby="inside-model-title">
      <h3 id="inside-model-title">Inside the model</h3>
      <div className="inside-grid">
        <FilterGrid />
        <FeatureMapsView />
        <LayerHistograms />
      </div>
    </section>
  );
}
