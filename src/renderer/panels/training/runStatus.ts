import type { TrainingState } from '../../stores/trainingState';

/** A loss for people: 4 decimals, or 4 significant digits when tiny or huge (as the CLI prints). */
export function formatLoss(value: number): string {
  const size = Math.abs(value);
  if (!Number.isFinite(value) || value === 0 || (size >= 1e-3 && size < 1e6)) {
    return value.toFixed(4);
  }
  return value.toExponential(3);
}

/**
 * The one-line status of a run: `epoch 12/100 loss 0.4321`, then what it is doing or how it
 * ended. The epoch is the last finished one; the loss is that epoch's mean training loss.
 */
export function statusText(
  s: Pick<
    TrainingState,
    | 'phase'
    | 'facts'
    | 'history'
    | 'epoch'
    | 'stepInEpoch'
    | 'outcome'
    | 'samplesPerSecond'
    | 'batchLosses'
  >,
): string {
  if (s.phase === 'idle' && s.history.length === 0 && s.batchLosses.length === 0)
    return 'Not trained yet';
  if (s.phase === 'loading') return 'Loading the data and compiling the model…';
  const epochs = s.facts?.epochs ?? 0;
  const last = s.history.at(-1);
  const parts: string[] = [];
  if (last) {
    parts.push(`epoch ${last.report.epoch}/${epochs} loss ${formatLoss(last.report.loss)}`);
    if (last.evaluation) {
      parts.push(`${last.evaluation.on} accuracy ${(last.evaluation.accuracy * 100).toFixed(1)}%`);
    }
  } else {
    const loss = s.batchLosses.at(-1);
    parts.push(`epoch 0/${epochs}${loss === undefined ? '' : ` batch loss ${formatLoss(loss)}`}`);
  }
  if (s.phase === 'running') {
    const total = s.facts?.stepsPerEpoch ?? 0;
    if (s.stepInEpoch > 0) parts.push(`batch ${s.stepInEpoch}/${total} of epoch ${s.epoch + 1}`);
    if (s.samplesPerSecond > 0)
      parts.push(`${Math.round(s.samplesPerSecond).toLocaleString('en-US')} samples/s`);
  }
  if (s.phase === 'paused') parts.push('paused');
  if (s.phase === 'finished' && s.outcome) parts.push(s.outcome);
  return parts.join(' · ');
}
