import { useTraining } from '../stores/appStores';
import { EpochTable } from './training/ChartTable';
import { ClassReport } from './training/ClassReport';
import { TargetReport } from './training/TargetReport';

/**
 * The run's grades and its numbers epoch by epoch: per-class precision, recall and F1 with the
 * confusion matrix of any epoch (classification), or R², MAE and RMSE per target with the
 * residual plot (regression); then the table of every epoch (what the command line prints).
 */
export function MetricsSection() {
  const history = useTraining((s) => s.history);
  const task = useTraining((s) => s.facts?.task);
  const run = useTraining((s) => s.run);
  if (history.length === 0) {
    return (
      <section className="panel-section empty-state" aria-label="Metrics">
        <p>No training run yet.</p>
        <p>
          Each epoch's loss and accuracy appear here, with per-class precision, recall and F1 or R²,
          MAE and RMSE per target; the live charts are in the Training tab.
        </p>
      </section>
    );
  }
  return (
    <section className="panel-section metrics-section" aria-label="Metrics">
      {/* Keyed by run: a new run's slider starts at its latest epoch, not at the old pick. */}
      {task === 'classification' && <ClassReport key={run} />}
      {task === 'regression' && <TargetReport />}
      <EpochTable history={history} caption="Epoch by epoch" />
    </section>
  );
}
