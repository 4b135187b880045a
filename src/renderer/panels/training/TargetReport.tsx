import { useMemo } from 'react';
import type { LiveView } from '../../../engine';
import { predictionPairs, residualOption } from '../../charts/regressionOptions';
import { useChart } from '../../charts/useChart';
import { useTraining } from '../../stores/appStores';
import { ChartTable, tableNumber } from './ChartTable';
import { TargetGradesTable } from './GradeTables';

type RegressionView = Extract<LiveView, { kind: 'fit' | 'predictions' }>;

/**
 * A regression's grades: R², MAE and RMSE of each target at the latest epoch (on the validation
 * split, or the training data without one), and the residual plot of the points the regression
 * chart shows.
 */
export function TargetReport() {
  const last = useTraining((s) => s.history.at(-1)?.report);
  const names = useTraining((s) => s.facts?.targetNames);
  const view = useTraining((s) =>
    s.view?.kind === 'fit' || s.view?.kind === 'predictions' ? s.view : undefined,
  );
  const regression = last?.regression;
  return (
    <>
      {regression && (
        <TargetGradesTable
          caption={`Per target, epoch ${last.epoch}, ${regression.on} split`}
          targets={regression.targets.map((m, j) => ({
            name: names?.[j] ?? `target ${j + 1}`,
            ...m,
          }))}
        />
      )}
      {view && <ResidualChart view={view} />}
    </>
  );
}

function ResidualChart({ view }: { view: RegressionView }) {
  const option = useMemo(() => residualOption(view), [view]);
  const ref = useChart(option);
  const targets = useMemo(() => predictionPairs(view), [view]);
  return (
    <figure className="chart-card">
      <div className="chart-head">
        <h3>Residuals</h3>
      </div>
      <div
        ref={ref}
        className="chart"
        role="img"
        aria-label="Residual plot"
        aria-description="Each point's residual (target minus prediction) against its prediction; a good fit scatters evenly around the zero line"
      />
      <ChartTable label="The residuals as a table">
        <table className="metrics-table">
          <caption>Each point's prediction and residual (target − prediction)</caption>
          <thead>
            <tr>
              {targets.map(({ name }) => (
                <th key={name} scope="col" colSpan={2}>
                  {name}: prediction, residual
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {targets[0]?.pairs.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: points are positional, never reordered
              <tr key={i}>
                {targets.map(({ name, pairs }) => {
                  const [p, t] = pairs[i]!;
                  return [
                    <td key={`${name}-p`}>{tableNumber(p!)}</td>,
                    <td key={`${name}-r`}>{tableNumber(t! - p!)}</td>,
                  ];
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ChartTable>
    </figure>
  );
}
