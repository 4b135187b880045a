import { useMemo } from 'react';
import type { LiveView } from '../../../engine';
import { lossText } from '../../../shared/lossText';
import { predictionPairs, residualOption } from '../../charts/regressionOptions';
import { useChart } from '../../charts/useChart';
import { useTraining } from '../../stores/appStores';
import { ChartTable, tableNumber } from './ChartTable';

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
        <table className="metrics-table class-metrics">
          <caption>
            Per target, epoch {last.epoch}, {regression.on} split
          </caption>
          <thead>
            <tr>
              <th scope="col">target</th>
              <th scope="col">R²</th>
              <th scope="col">MAE</th>
              <th scope="col">RMSE</th>
            </tr>
          </thead>
          <tbody>
            {regression.targets.map((m, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: targets are positional, never reordered
              <tr key={j}>
                <th scope="row">{names?.[j] ?? `target ${j + 1}`}</th>
                <td title={m.r2 === undefined ? 'R² needs at least two samples' : undefined}>
                  {m.r2 === undefined ? 'n/a' : lossText(m.r2)}
                </td>
                <td>{lossText(m.mae)}</td>
                <td>{lossText(m.rmse)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
