import { useEffect } from 'react';
import { uiStore, useTraining, useUi } from '../stores/appStores';
import { SIDE_TABS } from '../stores/uiStore';
import { DatasetSection } from './DatasetSection';
import { MetricsSection } from './MetricsSection';
import { TrainingTab } from './training/TrainingTab';
import { warmCharts } from './training/warmCharts';

/** The right-hand panel: the dataset, the training settings and the live metrics, one tab each. */
export function SidePanel() {
  const tab = useUi((s) => s.sideTab);
  // In idle time from the start, so that the first run's charts do not hold up Train.
  useEffect(warmCharts, []);
  // While a run has charts to show, the panel widens so they stay legible beside the graph.
  const charts = useTraining((s) => s.run !== undefined);
  const wide = charts && tab === 'Training';
  return (
    <aside className={wide ? 'side-panel side-panel-wide' : 'side-panel'} aria-label="Side panel">
      <div className="tabs" role="tablist" aria-label="Panels">
        {SIDE_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`tabpanel-${name}`}
            className="tab"
            onClick={() => uiStore.getState().showTab(name)}
          >
            {name}
          </button>
        ))}
      </div>
      <div
        className="tab-panel"
        role="tabpanel"
        id={`tabpanel-${tab}`}
        aria-labelledby={`tab-${tab}`}
      >
        {tab === 'Dataset' && <DatasetSection />}
        {tab === 'Training' && <TrainingTab />}
        {tab === 'Metrics' && <MetricsSection />}
      </div>
    </aside>
  );
}
