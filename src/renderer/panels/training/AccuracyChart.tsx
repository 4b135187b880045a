import { useMemo } from 'react';
import { accuracyOption } from '../../charts/trainingOptions';
import { useChart } from '../../charts/useChart';
import { useTraining } from '../../stores/appStores';
import { ChartTable, EpochTable } from './ChartTable';

/** Classification accuracy per epoch on the evaluated split. */
export function AccuracyChart() {
  const history = useTraining((s) => s.history);
  const option = useMemo(() => accuracyOption(history), [history]);
  const ref = useChart(option);
  const last = history.at(-1)?.evaluation;
  return (
    <figure className="chart-card">
      <div className="chart-head">
        <h3>Accuracy</h3>
        {last && (
          <span className="chart-figure">
            {(last.accuracy * 100).toFixed(1)}% on {last.on}
          </span>
        )}
      </div>
      <div
        ref={ref}
        className="chart chart-short"
        role="img"
        aria-label="Accuracy chart"
        aria-description={
          last
            ? `${(last.accuracy * 100).toFixed(1)}% on the ${last.on} split`
            : 'no epoch finished yet'
        }
      />
      <ChartTable label="The accuracy as a table">
        <EpochTable history={history} caption="Accuracy by epoch" />
      </ChartTable>
    </figure>
  );
}
