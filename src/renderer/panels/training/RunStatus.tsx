import { earlyStopMessage } from '../../../engine';
import { useTraining } from '../../stores/appStores';
import { statusText } from './runStatus';

/** The run's status line (a live region), the backend it trains on, and anything to tell. */
export function RunStatus() {
  const text = useTraining(statusText);
  const facts = useTraining((s) => s.facts);
  const message = useTraining((s) => s.message);
  const earlyStop = useTraining((s) => s.earlyStop);
  const error = useTraining((s) => s.error);
  return (
    <div className="run-status">
      <p role="status" aria-label="Training status" className="run-status-line">
        {text}
      </p>
      {facts && (
        <p className="run-backend">
          {facts.backend === 'webgpu'
            ? `Training on WebGPU (${facts.label})`
            : 'Training on the CPU'}
          {facts.evaluatedOn &&
            ` · evaluated on the ${facts.evaluatedOn} split (${facts.evaluatedCount.toLocaleString('en-US')} samples)`}
        </p>
      )}
      {facts?.fallback && <p className="run-note">{facts.fallback}</p>}
      {message && <p className="run-note">{message}</p>}
      {earlyStop && <p className="run-note">{earlyStopMessage(earlyStop)}</p>}
      {error && (
        <p className="run-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
