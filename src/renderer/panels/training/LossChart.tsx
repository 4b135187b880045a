import { useMemo } from 'react';
import { lossText } from '../../../shared/lossText';
import { lossOption } from '../../charts/trainingOptions';
import { useChart } from '../../charts/useChart';
import { trainingStore, useTraining } from '../../stores/appStores';
import { ChartTable, EpochTable } from './ChartTable';

/** Loss per batch and per epoch (training, validation, test), with a log-scale toggle. */
export function LossChart() {
  const batchLosses = useTraining((s) => s.batchLosses);
  const history = useTraining((s) => s.history);
  const stepsPerEpoch = useTraining((s) => s.facts?.stepsPerEpoch ?? 1);
  const log = useTraining((s) => s.logScale);
  const option = useMemo(
    () => lossOption(batchLosses, history, stepsPerEpoch, log),
    [batchLosses, history, stepsPerEpoch, log],
  );
  const ref = useChart(option);
  const last = history.at(-1)?.report;
  const summary = `${batchLosses.length.toLocaleString('en-US')} batches${
    last ? `; epoch ${last.epoch} mean training loss ${lossText(last.loss)}` : ''
  }${last?.valLoss !== undefined ? `, validation loss ${lossText(last.valLoss)}` : ''}`;
  return (
    <figure className="chart-card">
      <div className="chart-head">
        <h3>Loss</h3>
        <label className="chart-toggle">
          <input
            type="checkbox"
            checked={log}
            onChange={(e) => trainingStore.getState().setLogScale(e.target.checked)}
          />
          Log scale
        </label>
      </div>
      <div
        ref={ref}
        className="chart"
        role="img"
        aria-label="Loss chart"
        aria-description={summary}
      />
      <ChartTable label="The losses as a table">
        <EpochTable history={history} caption="Loss by epoch" />
      </ChartTable>
    </figure>
  );
}
