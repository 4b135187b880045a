import { type ReactNode, useState } from 'react';
import type { LiveView } from '../../../engine';
import { lossText, rateText } from '../../../shared/lossText';
import type { EpochEntry } from '../../stores/trainingState';

/** A ratio as the panel shows accuracies: a percentage with one decimal (nothing when unknown). */
export const percent = (v: number | undefined) =>
  v === undefined ? '' : `${(v * 100).toFixed(1)}%`;
/** A chart value in a table: 4 significant digits, as the charts' axes show them. */
export const tableNumber = (v: number) =>
  Number.isInteger(v) ? v.toLocaleString('en-US') : v.toPrecision(4);

/**
 * A chart's numbers as a table, folded under it: the alternative to the picture for a screen
 * reader or a keyboard (the summary is a tab stop; Enter opens it). The table is drawn only
 * while it is open: a run updates its charts every epoch, and thousands of hidden rows would be
 * drawn again each time.
 */
export function ChartTable({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{label}</summary>
      {open && children}
    </details>
  );
}

/** The run's numbers epoch by epoch: the Metrics tab's table, and the loss and accuracy charts'. */
export function EpochTable({
  history,
  caption,
}: {
  history: readonly EpochEntry[];
  caption: string;
}) {
  const validation = history.some((e) => e.report.valLoss !== undefined);
  const evaluated = history.find((e) => e.evaluation)?.evaluation?.on;
  // The rate gets a column once a schedule has changed it: a constant one is in the settings.
  const scheduled = history.some((e) => e.report.lr !== history[0]?.report.lr);
  const table = (
    <table className="metrics-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">epoch</th>
          <th scope="col">loss</th>
          {validation && <th scope="col">val loss</th>}
          {evaluated && <th scope="col">{evaluated} accuracy</th>}
          {scheduled && (
            <th scope="col">
              {/* PyTorch's short name, as `layerboard train` prints it: the panel is narrow. */}
              <abbr title="learning rate">lr</abbr>
            </th>
          )}
          <th scope="col">seconds</th>
        </tr>
      </thead>
      <tbody>
        {history.map(({ report, evaluation }) => (
          <tr key={report.epoch}>
            <td>{report.epoch}</td>
            <td>{lossText(report.loss)}</td>
            {validation && <td>{report.valLoss === undefined ? '' : lossText(report.valLoss)}</td>}
            {evaluated && <td>{percent(evaluation?.accuracy)}</td>}
            {scheduled && <td>{rateText(report.lr)}</td>}
            <td>{report.seconds.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (!scheduled) return table;
  // Five columns can be wider than the side panel: the table scrolls sideways, by keyboard too.
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
    <section className="table-scroll" aria-label={caption} tabIndex={0}>
      {table}
    </section>
  );
}

/** A regression view's points: each sample's feature (or targets) and the model's prediction. */
export function FitTable({ view }: { view: Extract<LiveView, { kind: 'fit' | 'predictions' }> }) {
  if (view.kind === 'fit') {
    return (
      <table className="metrics-table">
        <caption>
          The data points, and the fitted line at {view.line.x.length} values of {view.feature}
        </caption>
        <thead>
          <tr>
            <th scope="col">{view.feature}</th>
            <th scope="col">{view.target}</th>
          </tr>
        </thead>
        <tbody>
          {view.points.x.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: points are positional, never reordered
            <tr key={i}>
              <td>{tableNumber(x)}</td>
              <td>{tableNumber(view.points.y[i]!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  const n = view.targetNames.length;
  const rows = view.targets.length / n;
  return (
    <table className="metrics-table">
      <caption>Each sample's targets and the model's predictions</caption>
      <thead>
        <tr>
          {view.targetNames.map((name) => (
            <th key={name} scope="col" colSpan={2}>
              {name}: target, prediction
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, r) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: samples are positional, never reordered
          <tr key={r}>
            {view.targetNames.map((name, t) => [
              <td key={`${name}-t`}>{tableNumber(view.targets[r * n + t]!)}</td>,
              <td key={`${name}-p`}>{tableNumber(view.predictions[r * n + t]!)}</td>,
            ])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
