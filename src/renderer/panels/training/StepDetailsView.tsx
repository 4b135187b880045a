import { useTraining } from '../../stores/appStores';
import { MatrixView } from './MatrixView';
import { formatLoss } from './runStatus';

const RULES = {
  sgd: 'update = -lr * grad',
  'sgd-momentum': 'update = W_after - W_before (SGD with momentum or weight decay)',
  adam: 'update = W_after - W_before (Adam scales each step)',
} as const;

/**
 * The numbers of the last Step, for a Linear layer, as the first lesson prints them: the batch
 * X, W and b, the predictions and targets, the loss, dL/dW and dL/db, and the update.
 */
export function StepDetailsView() {
  const details = useTraining((s) => s.stepDetails);
  if (!details) return null;
  const d = details;
  return (
    <section className="chart-card step-details" aria-label="Step details">
      <div className="chart-head">
        <h3>
          Step: batch {d.step}/{d.stepsPerEpoch} of epoch {d.epoch}
        </h3>
        <span className="chart-figure">
          Linear {d.nodeId}
          {d.linearLayers > 1 && ` (first of ${d.linearLayers})`} · lr {d.lr}
        </span>
      </div>
      <p className="step-formula">
        <code>preds = X @ W.T + b</code> · <code>loss = {formatLoss(d.loss)}</code> ·{' '}
        <code>{RULES[d.rule]}</code>
      </p>
      <div className="matrix-grid">
        <MatrixView name="X" matrix={d.x} />
        <MatrixView name="W" matrix={d.w} />
        <MatrixView name="b" matrix={d.b} />
        <MatrixView name="preds" matrix={d.predictions} />
        <MatrixView name="targets" matrix={d.targets} />
        <MatrixView name="dL/dW" matrix={d.dW} />
        <MatrixView name="dL/db" matrix={d.db} />
        <MatrixView name={d.rule === 'sgd' ? '-lr * dL/dW' : 'W update'} matrix={d.updateW} />
        <MatrixView name={d.rule === 'sgd' ? '-lr * dL/db' : 'b update'} matrix={d.updateB} />
      </div>
    </section>
  );
}
