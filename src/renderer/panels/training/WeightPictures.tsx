import { countOf } from '../../../shared/plural';
import { useTraining } from '../../stores/appStores';
import { ImageCanvas } from './ImageCanvas';

const NO_CLASSES: readonly string[] = [];

/**
 * The first Linear layer's weights on the pixels, one picture per output: blue where a bright
 * pixel raises that output, red where it lowers it. For softmax regression, a template per class.
 */
export function WeightPictures() {
  const view = useTraining((s) => (s.view?.kind === 'weights' ? s.view : undefined));
  const classes = useTraining((s) => s.facts?.classes ?? NO_CLASSES);
  if (!view) return null;
  const { rows, cols, pictures, outputs, weights } = view;
  const size = rows * cols;
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!));
  // Only a layer that outputs the classes has pictures named after them.
  const named = outputs === classes.length;
  return (
    <section className="chart-card" aria-label="Weight pictures">
      <div className="chart-head">
        <h3>Weights of {view.nodeId}</h3>
        <span className="chart-figure">
          {pictures < outputs
            ? `first ${pictures} of ${countOf(outputs, 'output')}`
            : countOf(outputs, 'output')}{' '}
          · blue +, red −
        </span>
      </div>
      <ul className="weight-pictures">
        {Array.from({ length: pictures }, (_, o) => {
          const label = named ? classes[o]! : `output ${o}`;
          return (
            <li key={label}>
              <ImageCanvas
                rows={rows}
                cols={cols}
                values={weights.subarray(o * size, (o + 1) * size)}
                mode={{ signed: max }}
                label={`weights for ${label}`}
              />
              <span>{label}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
