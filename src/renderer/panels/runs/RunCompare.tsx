import { NO_CHANGE, runChanges, runNumber } from '../../../engine';
import { lossText } from '../../../shared/lossText';
import type { RunRecord } from '../../../shared/project';
import { runsViewStore, useProject, useRunsView } from '../../stores/appStores';
import { percent } from '../training/ChartTable';

/** How the two runs' final figures compare: "loss 0.5213 -> 0.3124, accuracy 81.0% -> 88.5%". */
function resultText(a: RunRecord, b: RunRecord): string {
  const pairs: string[] = [];
  const pair = (
    name: string,
    from: number | undefined,
    to: number | undefined,
    text: (v: number) => string,
  ) => {
    if (from !== undefined && to !== undefined) pairs.push(`${name} ${text(from)} -> ${text(to)}`);
  };
  pair('loss', a.metrics.loss, b.metrics.loss, lossText);
  pair('validation loss', a.metrics.valLoss, b.metrics.valLoss, lossText);
  pair('accuracy', a.metrics.accuracy, b.metrics.accuracy, percent);
  return pairs.join(', ');
}

/**
 * Two runs side by side in words: what changed from the first to the second (the graph by node
 * id, the dataset, the settings) and how their final figures moved.
 */
export function RunCompare() {
  const runs = useProject((s) => s.runs);
  const compared = useRunsView((s) => s.compared);
  const numbers = runs.map(runNumber);
  // A choice of a run since forgotten falls back to the default: the two latest.
  const pick = (which: 0 | 1) => {
    const chosen = compared[which];
    return chosen !== undefined && numbers.includes(chosen) ? chosen : numbers.at(which - 2)!;
  };
  const from = pick(0);
  const to = pick(1);
  const a = runs[numbers.indexOf(from)]!;
  const b = runs[numbers.indexOf(to)]!;
  const changes = runChanges(a, b);
  const results = resultText(a, b);
  // A continued run's epochs count on from the weights it started with: same settings, new run.
  const first = b.history[0]?.epoch;
  const continued = first !== undefined && first > 1 ? first - 1 : undefined;
  const select = (which: 0 | 1, value: number, label: string) => (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => runsViewStore.getState().compare(which, Number(e.target.value))}
    >
      {numbers.map((n) => (
        <option key={n} value={n}>
          Run {n}
        </option>
      ))}
    </select>
  );
  return (
    <section className="run-compare" aria-labelledby="run-compare-title">
      <div className="run-compare-head">
        <h3 id="run-compare-title">Compare</h3>
        {select(0, from, 'Compare run')}
        <span aria-hidden="true">with</span>
        {select(1, to, 'with run')}
      </div>
      <p className="run-compare-lead">
        {from === to
          ? 'Choose two different runs.'
          : `From run ${from} to run ${to}: ${changes.length === 0 ? `${NO_CHANGE}.` : ''}`}
      </p>
      {from !== to && changes.length > 0 && (
        <ul className="run-changes" aria-label={`Changes from run ${from} to run ${to}`}>
          {changes.map((change) => (
            <li key={change}>{change}</li>
          ))}
        </ul>
      )}
      {from !== to && continued !== undefined && (
        <p className="run-facts">
          Run {to} continued from epoch {continued}'s weights.
        </p>
      )}
      {from !== to && results && <p className="run-facts">Results: {results}</p>}
    </section>
  );
}
