import { useProject } from '../../stores/appStores';
import { RunCompare } from './RunCompare';
import { RunList } from './RunList';
import { RunsChart } from './RunsChart';
import './runs.css';

/**
 * The Runs tab: the project's run history (kept with the project when a run ends), the curves of
 * up to six runs overlaid, what changed between two runs, and each run's settings to go back to.
 */
export function RunsTab() {
  const count = useProject((s) => s.runs.length);
  if (count === 0) {
    return (
      <section className="panel-section empty-state" aria-label="Runs">
        <p>No runs yet.</p>
        <p>
          Each training run appears here when it ends, with its settings, curves and final metrics,
          and is saved with the project: overlay runs' curves, see what changed between two, and go
          back to a run's settings.
        </p>
      </section>
    );
  }
  return (
    <section className="panel-section runs-tab" aria-label="Runs">
      <RunsChart />
      {count > 1 && <RunCompare />}
      <RunList />
    </section>
  );
}
