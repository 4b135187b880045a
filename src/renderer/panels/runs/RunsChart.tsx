import { useMemo } from 'react';
import { METRIC_LABELS, runNumber } from '../../../engine';
import { lossText } from '../../../shared/lossText';
import { RUN_METRICS, type RunMetric } from '../../../shared/project';
import { RUN_COLORS, RUN_MARKERS } from '../../charts/colors';
import { curvePoints, type RunCurve, runsOption } from '../../charts/runsOptions';
import { useChart } from '../../charts/useChart';
import { runsViewStore, useProject, useRunsView } from '../../stores/appStores';
import { Field } from '../fields';
import { ChartTable, percent } from '../training/ChartTable';

/** A value of `metric` as the tables show it. */
const valueText = (metric: RunMetric, value: number) =>
  metric === 'accuracy' ? percent(value) : lossText(value);

/** The overlaid curves' numbers, epoch by epoch, one column per run. */
function CurveTable({ curves, metric }: { curves: readonly RunCurve[]; metric: RunMetric }) {
  const epochs = [...new Set(curves.flatMap((c) => c.points.map(([epoch]) => epoch)))].sort(
    (a, b) => a - b,
  );
  const byEpoch = curves.map((c) => new Map(c.points));
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
    <section className="table-scroll" aria-label="Overlaid curves" tabIndex={0}>
      <table className="metrics-table">
        <caption>{METRIC_LABELS[metric]} by epoch, one column per run</caption>
        <thead>
          <tr>
            <th scope="col">epoch</th>
            {curves.map((c) => (
              <th key={c.name} scope="col">
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {epochs.map((epoch) => (
            <tr key={epoch}>
              <td>{epoch}</td>
              {byEpoch.map((points, i) => {
                const value = points.get(epoch);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one column per overlaid run, in order
                  <td key={i}>{value === undefined ? '' : valueText(metric, value)}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The chart itself, made once there is a curve to draw. */
function CurvesChart({
  curves,
  metric,
  log,
}: {
  curves: readonly RunCurve[];
  metric: RunMetric;
  log: boolean;
}) {
  const option = useMemo(() => runsOption(curves, metric, log), [curves, metric, log]);
  const ref = useChart(option);
  const summary = curves
    .map((c) => {
      const last = c.points.at(-1);
      return last
        ? `${c.name}: ${METRIC_LABELS[metric]} ${valueText(metric, last[1])} at epoch ${last[0]}`
        : `${c.name}: no ${METRIC_LABELS[metric]}`;
    })
    .join('; ');
  return (
    <>
      <div
        ref={ref}
        className="chart"
        role="img"
        aria-label="Runs chart"
        aria-description={summary}
      />
      <ChartTable label="The curves as a table">
        <CurveTable curves={curves} metric={metric} />
      </ChartTable>
    </>
  );
}

/** The overlaid runs' curves of one metric (loss, validation loss or accuracy) against the epoch. */
export function RunsChart() {
  const runs = useProject((s) => s.runs);
  const slots = useRunsView((s) => s.slots);
  const metric = useRunsView((s) => s.curve);
  const log = useRunsView((s) => s.logScale);
  const curves = useMemo(
    () =>
      slots.flatMap((number, slot): RunCurve[] => {
        const index = runs.findIndex((run, i) => runNumber(run, i) === number);
        const run = runs[index];
        if (!run) return [];
        return [
          {
            name: `Run ${number}`,
            color: RUN_COLORS[slot]!,
            symbol: RUN_MARKERS[slot]!,
            points: curvePoints(run.history, metric),
          },
        ];
      }),
    [runs, slots, metric],
  );
  const measured = curves.filter((c) => c.points.length > 0);
  return (
    <figure className="chart-card">
      <div className="chart-head">
        <h3>Overlaid runs</h3>
        {metric !== 'accuracy' && (
          <label className="chart-toggle">
            <input
              type="checkbox"
              checked={log}
              onChange={(e) => runsViewStore.getState().setLogScale(e.target.checked)}
            />
            Log scale
          </label>
        )}
        <Field label="Curve">
          {(id) => (
            <select
              id={id}
              value={metric}
              onChange={(e) => runsViewStore.getState().setCurve(e.target.value as RunMetric)}
            >
              {RUN_METRICS.map((m) => (
                <option key={m} value={m}>
                  {METRIC_LABELS[m]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {curves.length === 0 ? (
        <p className="chart-hint">Check runs below to overlay their curves here.</p>
      ) : measured.length === 0 ? (
        <p className="chart-hint">
          No overlaid run measured the {METRIC_LABELS[metric]}
          {metric === 'valLoss' ? ' (it needs a validation split)' : ''}
          {metric === 'accuracy' ? ' (a classification measures it)' : ''}.
        </p>
      ) : (
        <CurvesChart curves={measured} metric={metric} log={log} />
      )}
    </figure>
  );
}
