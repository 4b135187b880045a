import { useMemo } from 'react';
import type { SplitEvaluation } from '../../../engine';
import { confusionOption } from '../../charts/trainingOptions';
import { useChart } from '../../charts/useChart';
import { trainingStore, useTraining } from '../../stores/appStores';
import { CellSamples } from './CellSamples';
import { ChartTable } from './ChartTable';

const NO_CLASSES: readonly string[] = [];
const count = (n: number) => n.toLocaleString('en-US');

/**
 * The last epoch's confusion matrix as a heatmap (click a cell for its samples), with the counts
 * also in a table whose cells open their samples from the keyboard.
 */
export function ConfusionMatrix() {
  const evaluation = useTraining((s) => s.evaluation);
  return evaluation ? <ConfusionView evaluation={evaluation} /> : null;
}

function ConfusionView({ evaluation }: { evaluation: SplitEvaluation }) {
  const classes = useTraining((s) => s.facts?.classes ?? NO_CLASSES);
  const matrix = evaluation.confusionMatrix;
  const option = useMemo(() => confusionOption(matrix, classes), [matrix, classes]);
  const ref = useChart(option, ({ value }) => {
    const [predicted, truth] = value as [number, number];
    void trainingStore.getState().openCell(truth, predicted);
  });
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const name = (i: number) => classes[i] ?? String(i);
  const summary = `${count(total)} ${evaluation.on} samples, ${matrix.length} x ${matrix.length} classes, accuracy ${(evaluation.accuracy * 100).toFixed(1)}%`;
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
        Rows: true class. Columns: predicted class. Click a cell (or open the table) to see its
        samples.
      </p>
      <ChartTable label="The counts as a table (each opens its samples)">
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
                    <button
                      type="button"
                      className="cell-button"
                      aria-label={`${count(n)} ${name(t)} predicted as ${name(p)}: show the samples`}
                      onClick={() => void trainingStore.getState().openCell(t, p)}
                    >
                      {n}
                    </button>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ChartTable>
      <CellSamples />
    </figure>
  );
}
