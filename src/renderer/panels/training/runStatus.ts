import { lossText, rateText } from '../../../shared/lossText';
import type { TrainingState } from '../../stores/trainingState';

/**
 * The one-line status of a run: `epoch 12/100 loss 0.4321 lr 0.05`, then what it is doing or how
 * it ended. The epoch is the last finished one; the loss is that epoch's mean training loss and
 * the rate the one it trained with (a schedule changes it from epoch to epoch).
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
    | 'earlyStop'
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
    const { epoch, loss, lr } = last.report;
    parts.push(`epoch ${epoch}/${epochs} loss ${lossText(loss)} lr ${rateText(lr)}`);
    if (last.evaluation) {
      parts.push(`${last.evaluation.on} accuracy ${(last.evaluation.accuracy * 100).toFixed(1)}%`);
    }
  } else {
    const loss = s.batchLosses.at(-1);
    parts.push(`epoch 0/${epochs}${loss === undefined ? '' : ` batch loss ${lossText(loss)}`}`);
  }
  if (s.phase === 'running') {
    const total = s.facts?.stepsPerEpoch ?? 0;
    if (s.stepInEpoch > 0) parts.push(`batch ${s.stepInEpoch}/${total} of epoch ${s.epoch + 1}`);
    if (s.samplesPerSecond > 0)
      parts.push(`${Math.round(s.samplesPerSecond).toLocaleString('en-US')} samples/s`);
  }
  if (s.phase === 'paused') parts.push('paused');
  if (s.phase === 'finished' && s.outcome) {
    parts.push(s.earlyStop ? `stopped early, keeping epoch ${s.earlyStop.bestEpoch}` : s.outcome);
  }
  return parts.join(' · ');
}
