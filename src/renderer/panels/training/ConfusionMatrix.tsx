import { useMemo } from 'react';
import type { SplitEvaluation } from '../../../engine';
import { confusionOption } from '../../charts/trainingOptions';
import { useChart } from '../../charts/useChart';
import { trainingStore, useTraining } from '../../stores/appStores';
import { CellSamples } from './CellSamples';
import { ChartTable } from './ChartTable';

const NO_CLASSES: readonly string[] = [];
const count = (n: number) => n.toLocaleString('en-US');
const openCell = (truth: number, predicted: number) =>
  void trainingStore.getState().openCell(truth, predicted);

/**
 * The last epoch's confusion matrix as a heatmap (click a cell for its samples), with the counts
 * also in a table whose cells open their samples from the keyboard.
 */
export function ConfusionMatrix() {
  const evaluation = useTraining((s) => s.evaluation);
  return evaluation ? <ConfusionView evaluation={evaluation} /> : null;
}

/**
 * A confusion matrix as a heatmap, with its counts in a table. Only the latest epoch's cells open
 * their samples (the worker keeps that epoch's predictions alone): a past epoch's matrix, with
 * its number as `pastEpoch`, holds counts only.
 */
export function ConfusionView({
  evaluation,
  pastEpoch,
}: {
  evaluation: SplitEvaluation;
  pastEpoch?: number;
}) {
  const classes = useTraining((s) => s.facts?.classes ?? NO_CLASSES);
  const matrix = evaluation.confusionMatrix;
  const past = pastEpoch !== undefined;
  const option = useMemo(() => confusionOption(matrix, classes), [matrix, classes]);
  const ref = useChart(option, ({ value }) => {
    if (past) return;
    const [predicted, truth] = value as [number, number];
    openCell(truth, predicted);
  });
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const name = (i: number) => classes[i] ?? String(i);
  const summary = `${past ? `Epoch ${pastEpoch}: ` : ''}${count(total)} ${evaluation.on} samples, ${matrix.length} x ${matrix.length} classes, accuracy ${(evaluation.accuracy * 100).toFixed(1)}%`;
  return (
    <figure className="chart-card">
      <div className="chart-head">
        <h3>Confusion matrix</h3>
        <span className="chart-figure">{summary}</span>
      </div>
      <div
        ref={ref}
        className="chart chart-square"
        role="img"
        aria-label="Confusion matrix"
        aria-description={summary}
      />
      <p className="chart-hint">
        Rows: true class. Columns: predicted class.{' '}
        {past
          ? "A past epoch's counts: the latest epoch's cells open their samples."
          : 'Click a cell (or open the table) to see its samples.'}
      </p>
      <ChartTable
        label={past ? 'The counts as a table' : 'The counts as a table (each opens its samples)'}
      >
        <table className="confusion-table" aria-label="Confusion matrix counts">
          <caption>{summary}; rows are true classes, columns predicted classes</caption>
          <thead>
            <tr>
              <th scope="col">true \ predicted</th>
              {matrix.map((_, p) => (
                <th key={name(p)} scope="col">
                  {name(p)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, t) => (
              <tr key={name(t)}>
                <th scope="row">{name(t)}</th>
                {row.map((n, p) => (
                  <td key={name(p)}>
                    {past ? (
                      count(n)
                    ) : (
                      <button
                        type="button"
                        className="cell-button"
                        aria-label={`${count(n)} ${name(t)} predicted as ${name(p)}: show the samples`}
                        onClick={() => openCell(t, p)}
                      >
                        {n}
                      </button>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ChartTable>
      {!past && <CellSamples />}
    </figure>
  );
}
