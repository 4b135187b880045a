import { useTraining } from '../stores/appStores';
import { formatLoss } from './training/runStatus';

const percent = (v: number | undefined) => (v === undefined ? '' : `${(v * 100).toFixed(1)}%`);

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
  const validation = history.some((e) => e.report.valLoss !== undefined);
  const evaluated = history.find((e) => e.evaluation)?.evaluation?.on;
  return (
    <section className="panel-section" aria-label="Metrics">
      <table className="metrics-table">
        <caption>Epoch by epoch</caption>
        <thead>
          <tr>
            <th scope="col">epoch</th>
            <th scope="col">loss</th>
            {validation && <th scope="col">val loss</th>}
            {evaluated && <th scope="col">{evaluated} accuracy</th>}
            <th scope="col">seconds</th>
          </tr>
        </thead>
        <tbody>
          {history.map(({ report, evaluation }) => (
            <tr key={report.epoch}>
              <td>{report.epoch}</td>
              <td>{formatLoss(report.loss)}</td>
              {validation && (
                <td>{report.valLoss === undefined ? '' : formatLoss(report.valLoss)}</td>
              )}
              {evaluated && <td>{percent(evaluation?.accuracy)}</td>}
              <td>{report.seconds.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
