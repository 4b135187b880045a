import type { Divergence } from '../../../engine';
import { trainingStore, useProject, useTraining } from '../../stores/appStores';
import { formatLoss } from './runStatus';

/** What went wrong, in plain words. */
function explain(divergence: Divergence): string {
  if (divergence.reason === 'not-finite') {
    return `In epoch ${divergence.epoch} the loss became too large to compute (not a number or infinite): each step moved the weights so far that the numbers overflowed. The steps are too big for the scale of the inputs.`;
  }
  const path = divergence.losses.map(formatLoss).join(' → ');
  return `The loss rose ${divergence.losses.length - 1} epochs in a row (${path}): each step overshoots the lowest point further than the last.`;
}

/**
 * The divergence doctor: when training stopped because the loss overflowed or kept rising, says
 * why and offers the fixes, each one click: a 10 times smaller learning rate, standardised inputs.
 */
export function DivergenceDoctor() {
  const divergence = useTraining((s) => s.divergence);
  const lr = useProject((s) => s.training.optimizer.lr);
  const normalize = useProject((s) => s.training.normalize);
  if (!divergence) return null;
  const fix = trainingStore.getState().applyFix;
  const smaller = Number((lr / 10).toPrecision(3));
  return (
    <section className="doctor" aria-label="Divergence doctor">
      <h3>Training stopped: the model diverged</h3>
      <p>{explain(divergence)}</p>
      <p>Try one of these, then press Train again:</p>
      <div className="doctor-fixes">
        <button type="button" onClick={() => fix('learning-rate')}>
          Lower the learning rate to {smaller}
        </button>
        {normalize === 'none' && (
          <button type="button" onClick={() => fix('normalize')}>
            Normalize the inputs (standardize)
          </button>
        )}
      </div>
    </section>
  );
}
