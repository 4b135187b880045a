import { METRIC_LABELS, runNumber } from '../../../engine';
import { lossText } from '../../../shared/lossText';
import type { RunRecord } from '../../../shared/project';
import { RUN_COLORS } from '../../charts/colors';
import {
  datasetStore,
  documentStores,
  projectStore,
  runsViewStore,
  uiStore,
  useProject,
  useRunsView,
} from '../../stores/appStores';
import { restoreRun } from '../../stores/restoreRun';
import { MAX_OVERLAID } from '../../stores/runsView';
import { percent } from '../training/ChartTable';
import { BACKEND_NAMES, durationText, epochsText, whenText } from './runText';

const FULL_ID = 'runs-overlay-full';

/** A run's final figures: "loss 0.3124 · validation loss 0.3301 · accuracy 88.5%". */
function metricsText({ metrics }: RunRecord): string {
  const parts = [
    metrics.loss === undefined ? undefined : `${METRIC_LABELS.loss} ${lossText(metrics.loss)}`,
    metrics.valLoss === undefined
      ? undefined
      : `${METRIC_LABELS.valLoss} ${lossText(metrics.valLoss)}`,
    metrics.accuracy === undefined
      ? undefined
      : `${METRIC_LABELS.accuracy} ${percent(metrics.accuracy)}`,
  ];
  const known = parts.filter((p) => p !== undefined);
  return known.length > 0 ? known.join(' · ') : 'no finite loss';
}

function restore(run: RunRecord, index: number): void {
  const stores = { ...documentStores, discardDraft: () => datasetStore.getState().discard() };
  uiStore.getState().notify('info', restoreRun(stores, run, index));
}

function forget(index: number, number: number): void {
  runsViewStore.getState().overlay(number, false);
  projectStore.getState().forgetRun(index);
  uiStore.getState().notify('info', `Forgot run ${number}.`);
}

/** One run: its overlay checkbox (in its colour), when and where it ran, its figures, actions. */
function RunCard({ run, index, full }: { run: RunRecord; index: number; full: boolean }) {
  const number = runNumber(run, index);
  const slot = useRunsView((s) => s.slots.indexOf(number));
  const shown = slot >= 0;
  return (
    <li className="run-card">
      <div className="run-card-head">
        <label className="run-overlay">
          <input
            type="checkbox"
            aria-label={`Overlay run ${number}`}
            checked={shown}
            disabled={full && !shown}
            aria-describedby={full && !shown ? FULL_ID : undefined}
            onChange={(e) => runsViewStore.getState().overlay(number, e.target.checked)}
          />
          <span
            className="run-swatch"
            aria-hidden="true"
            style={shown ? { background: RUN_COLORS[slot] } : undefined}
          />
          <strong>Run {number}</strong>
        </label>
        <time className="run-when" dateTime={run.at}>
          {whenText(run.at)}
        </time>
      </div>
      <p className="run-facts">
        {run.outcome} on {BACKEND_NAMES[run.backend]} · {epochsText(run.history)} ·{' '}
        {durationText(run.durationMs)}
      </p>
      <p className="run-facts">{metricsText(run)}</p>
      <div className="run-actions">
        <button
          type="button"
          className="button"
          aria-label={`Restore settings of run ${number}`}
          onClick={() => restore(run, index)}
        >
          Restore settings
        </button>
        <button
          type="button"
          className="button"
          aria-label={`Forget run ${number}`}
          onClick={() => forget(index, number)}
        >
          Forget
        </button>
      </div>
    </li>
  );
}

/** The project's runs, newest first, each with its overlay checkbox and its actions. */
export function RunList() {
  const runs = useProject((s) => s.runs);
  const numbers = new Set(runs.map(runNumber));
  const slots = useRunsView((s) => s.slots);
  const full = slots.filter((n) => n !== undefined && numbers.has(n)).length >= MAX_OVERLAID;
  return (
    <section className="run-list-section" aria-labelledby="run-list-title">
      <h3 id="run-list-title">Runs, newest first</h3>
      <p className="chart-hint" id={full ? FULL_ID : undefined}>
        {full
          ? `${MAX_OVERLAID} runs are overlaid, as many as the chart shows: uncheck one to overlay another.`
          : `Check up to ${MAX_OVERLAID} runs to overlay their curves.`}
      </p>
      <ul className="run-list">
        {runs
          .map((run, index) => (
            <RunCard key={runNumber(run, index)} run={run} index={index} full={full} />
          ))
          .reverse()}
      </ul>
    </section>
  );
}
