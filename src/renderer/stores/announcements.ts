import type { StoreApi } from 'zustand/vanilla';
import { earlyStopMessage } from '../../engine';
import { lossText } from '../../shared/lossText';
import { countOf } from '../../shared/plural';
import type { CompileState } from './compileStore';
import type { TrainingState } from './trainingState';
import type { UiState } from './uiStore';

/** Least time between two spoken epoch summaries: a fast run must not talk over itself. */
export const EPOCH_SUMMARY_MS = 10_000;

interface AnnouncedStores {
  readonly compile: StoreApi<CompileState>;
  readonly training: StoreApi<TrainingState>;
  readonly ui: StoreApi<UiState>;
  readonly now?: () => number;
}

/**
 * What the screen reader hears of the model and its runs, through the app's live region: the
 * graph's problems as their number changes, a run's start, an epoch now and then (at most one
 * summary every EPOCH_SUMMARY_MS), the doctor's dead-ReLU hint, and how the run ended. Returns the unsubscribe function.
 */
export function announceRuns({ compile, training, ui, now = Date.now }: AnnouncedStores) {
  const say = (text: string) => ui.getState().announce(text);
  let lastSummary = Number.NEGATIVE_INFINITY;

  const offCompile = compile.subscribe((state, previous) => {
    const errors = state.result.problems.filter((p) => p.severity === 'error');
    const before = previous.result.problems.filter((p) => p.severity === 'error').length;
    if (errors.length === before) return;
    const [first] = errors;
    say(
      first
        ? `${countOf(errors.length, 'problem')} in the graph: ${first.message}`
        : 'The graph has no problems now: it is ready to train',
    );
  });

  const offTraining = training.subscribe((state, previous) => {
    if (state.facts && state.facts !== previous.facts && state.run === previous.run) {
      say(`Training started on ${state.facts.label}: ${countOf(state.facts.epochs, 'epoch')}`);
    }
    const last = state.history.at(-1);
    if (last && last !== previous.history.at(-1) && now() - lastSummary >= EPOCH_SUMMARY_MS) {
      lastSummary = now();
      const accuracy = last.evaluation
        ? `, ${last.evaluation.on} accuracy ${(last.evaluation.accuracy * 100).toFixed(1)}%`
        : '';
      say(
        `Epoch ${last.report.epoch} of ${last.report.epochs}: loss ${lossText(last.report.loss)}${accuracy}`,
      );
    }
    // Once per run: the store keeps the run's first hint only.
    if (state.deadUnits && state.deadUnits !== previous.deadUnits) {
      say(`Hint after epoch ${state.deadUnits.epoch}: ${state.deadUnits.message}`);
    }
    if (state.outcome && state.outcome !== previous.outcome) {
      const end = state.history.at(-1)?.report;
      const where = end ? ` at epoch ${end.epoch}, loss ${lossText(end.loss)}` : '';
      say(
        state.outcome === 'diverged'
          ? 'Training stopped: the model diverged. The doctor in the Training tab says why and how to fix it'
          : state.earlyStop
            ? earlyStopMessage(state.earlyStop)
            : `Training ${state.outcome}${where}`,
      );
    }
  });

  return () => {
    offCompile();
    offTraining();
  };
}
