import { useTraining } from '../stores/appStores';
import { EpochTable } from './training/ChartTable';

/** The run's numbers epoch by epoch, as a table (what the command line prints, one row each). */
export function MetricsSection() {
  const history = useTraining((s) => s.history);
  if (history.length === 0) {
    return (
      <section className="panel-section empty-state" aria-label="Metrics">
        <p>No training run yet.</p>
        <p>Each epoch's loss and accuracy appear here; the live charts are in the Training tab.</p>
      </section>
    );
  }
  return (
    <section className="panel-section" aria-label="Metrics">
      <EpochTable history={history} caption="Epoch by epoch" />
    </section>
  );
}
