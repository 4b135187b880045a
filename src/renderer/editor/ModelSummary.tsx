import { bytesText } from '../../engine';
import { useCompiled, useProject } from '../stores/appStores';

/** The canvas corner: the model's size (against an assignment's budget) and what it trains on. */
export function ModelSummary() {
  const total = useCompiled((s) => s.result.totalParams);
  const memory = useCompiled((s) => s.result.memory?.totalBytes);
  const ready = useCompiled((s) => s.result.model !== undefined);
  const loss = useProject((s) => s.training.loss);
  const budget = useProject((s) => s.assignment?.maxParameters);
  const over = budget !== undefined && total > budget;
  return (
    <section className="model-summary" aria-label="Model summary">
      <div>
        {budget === undefined ? (
          <>
            <strong>{total.toLocaleString('en-US')}</strong> trainable parameters
          </>
        ) : (
          // The assignment's budget, live: "8 / 10 parameters".
          <span className={over ? 'budget-over' : undefined}>
            <strong>
              {total.toLocaleString('en-US')} / {budget.toLocaleString('en-US')}
            </strong>{' '}
            parameters{over ? ', over the assignment’s budget' : ''}
          </span>
        )}
        {memory !== undefined && ` · ${bytesText(memory)} to train`}
      </div>
      <div className={ready ? 'summary-ok' : 'summary-bad'}>
        {ready
          ? `Ready to train with ${loss === 'mse' ? 'MSE' : 'cross-entropy'}: press Train`
          : 'Not ready: see the notes on the nodes'}
      </div>
    </section>
  );
}
