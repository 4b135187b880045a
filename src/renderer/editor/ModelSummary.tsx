import { bytesText } from '../../engine';
import { useCompiled, useProject } from '../stores/appStores';

/** The canvas corner: the model's size and what it is trained on. */
export function ModelSummary() {
  const total = useCompiled((s) => s.result.totalParams);
  const memory = useCompiled((s) => s.result.memory?.totalBytes);
  const ready = useCompiled((s) => s.result.model !== undefined);
  const loss = useProject((s) => s.training.loss);
  return (
    <section className="model-summary" aria-label="Model summary">
      <div>
        <strong>{total.toLocaleString('en-US')}</strong> trainable parameters
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
