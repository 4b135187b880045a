import type { Divergence } from '../../../engine';
import { lossText } from '../../../shared/lossText';
import { trainingStore, useProject, useTraining } from '../../stores/appStores';

/** What went wrong, in plain words. */
function explain(divergence: Divergence): string {
  switch (divergence.reason) {
    case 'not-finite':
      return `In epoch ${divergence.epoch} the loss became too large to compute (not a number or infinite): each step moved the weights so far that the numbers overflowed. The steps are too big for the scale of the inputs.`;
    case 'exploding':
      return `In epoch ${divergence.epoch} the loss grew from ${lossText(divergence.from)} to ${lossText(divergence.to)}: each step overshoots the lowest point further than the last, so training stopped before the weights overflowed.`;
    case 'rising': {
      const path = divergence.losses.map(lossText).join(' → ');
      return `The loss rose ${divergence.losses.length - 1} epochs in a row (${path}): each step overshoots the lowest point further than the last.`;
    }
    case 'weights':
      return `The weights grew to ${divergence.largest.toPrecision(3)}, too large to mean anything, so the model was not kept.`;
  }
}

/**
 * The divergence doctor: when training stopped because the loss exploded, overflowed or kept
 * rising, says why and offers the fixes, each one click. For large raw inputs, standardising
 * them comes first; the learning rate it offers is one that worked on a copy of the model (a
 * short range test in the worker), not just a tenth of the last one.
 */
export function DivergenceDoctor() {
  const divergence = useTraining((s) => s.divergence);
  const advice = useTraining((s) => s.advice);
  const lr = useProject((s) => s.training.optimizer.lr);
  const normalize = useProject((s) => s.training.normalize);
  if (!divergence) return null;
  const fix = trainingStore.getState().applyFix;
  const standardize = normalize === 'none' ? advice?.standardize : undefined;
  const rate = advice?.learningRate ?? Number((lr / 10).toPrecision(3));
  return (
    <section className="doctor" aria-label="Divergence doctor">
      <h3>Training stopped: the model diverged</h3>
      <p>{explain(divergence)}</p>
      {standardize && (
        <p>
          The inputs are large and raw ({standardize}): a step that suits one feature overshoots on
          another. Standardizing them first is the usual cure.
        </p>
      )}
      <p>
        {advice?.learningRate !== undefined
          ? `From the same starting weights, a learning rate of ${rate} brought the loss down over 20 steps (the largest rate tried that did).`
          : 'Try one of these, then press Train again.'}
      </p>
      <div className="doctor-fixes">
        {standardize && (
          <button type="button" className="primary" onClick={() => fix({ kind: 'normalize' })}>
            Standardize the inputs
          </button>
        )}
        <button type="button" onClick={() => fix({ kind: 'learning-rate', lr: rate })}>
          Use learning rate {rate}
        </button>
        {!standardize && normalize === 'none' && (
          <button type="button" onClick={() => fix({ kind: 'normalize' })}>
            Standardize the inputs
          </button>
        )}
      </div>
    </section>
  );
}
