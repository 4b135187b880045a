import { useMemo } from 'react';
import type { LiveView } from '../../../engine';
import { fitOption } from '../../charts/regressionOptions';
import { useChart } from '../../charts/useChart';
import { useTraining } from '../../stores/appStores';
import { ChartTable, FitTable } from './ChartTable';

type RegressionView = Extract<LiveView, { kind: 'fit' | 'predictions' }>;

/** Regression: the fitted line over the points (one feature), or predictions against targets. */
export function FitChart() {
  const view = useTraining((s) =>
    s.view?.kind === 'fit' || s.view?.kind === 'predictions' ? s.view : undefined,
  );
  return view ? <FitView view={view} /> : null;
}

function FitView({ view }: { view: RegressionView }) {
  const option = useMemo(() => fitOption(view), [view]);
  const ref = useChart(option);
  const title = view.kind === 'fit' ? 'Fitted line' : 'Predictions against targets';
  const label =
    view.kind === 'fit'
      ? `The model's ${view.target} for each ${view.feature}, over the data points`
      : 'Each prediction against its target: on the dashed line the model is exact';
  return (
    <figure className="chart-card">
      <div className="chart-head">
        <h3>{title}</h3>
      </div>
      <div ref={ref} className="chart" role="img" aria-label={title} aria-description={label} />
      <ChartTable label="The points as a table">
        <FitTable view={view} />
      </ChartTable>
    </figure>
  );
}
