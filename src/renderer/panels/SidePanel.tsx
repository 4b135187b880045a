import { type KeyboardEvent, useEffect } from 'react';
import { uiStore, useProject, useTraining, useUi } from '../stores/appStores';
import { SIDE_TABS } from '../stores/uiStore';
import { DatasetSection } from './DatasetSection';
import { MetricsSection } from './MetricsSection';
import { RunsTab } from './runs/RunsTab';
import { SideResizer } from './SideResizer';
import { TrainingTab } from './training/TrainingTab';
import { warmCharts } from './training/warmCharts';

/**
 * The tabs' keys, as WAI-ARIA's tabs pattern has them: Left and Right go to the previous and next
 * tab (round), Home and End to the first and last, each opened as it gets the focus.
 */
function onTabKey(event: KeyboardEvent<HTMLDivElement>): void {
  const moves: Record<string, (i: number) => number> = {
    ArrowLeft: (i) => (i + SIDE_TABS.length - 1) % SIDE_TABS.length,
    ArrowRight: (i) => (i + 1) % SIDE_TABS.length,
    Home: () => 0,
    End: () => SIDE_TABS.length - 1,
  };
  const move = moves[event.key];
  if (!move) return;
  event.preventDefault();
  const next = SIDE_TABS[move(SIDE_TABS.indexOf(uiStore.getState().sideTab))]!;
  uiStore.getState().showTab(next);
  document.getElementById(`tab-${next}`)?.focus();
}

/**
 * The right-hand panel: the dataset, the training settings, the live metrics and the project's
 * run history, one tab each.
 */
export function SidePanel() {
  const tab = useUi((s) => s.sideTab);
  // In idle time from the start, so that the first run's charts do not hold up Train.
  useEffect(warmCharts, []);
  // While a run has charts to show (Training, and Metrics' matrix or residuals), or the project
  // has runs to overlay (Runs), the panel widens so they stay legible beside the graph.
  const charts = useTraining((s) => s.run !== undefined);
  const runs = useProject((s) => s.runs.length > 0);
  const wide = tab === 'Runs' ? runs : charts && tab !== 'Dataset';
  return (
    <aside className={wide ? 'side-panel side-panel-wide' : 'side-panel'} aria-label="Side panel">
      <SideResizer />
      <div className="tabs" role="tablist" aria-label="Panels" onKeyDown={onTabKey}>
        {SIDE_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`tabpanel-${name}`}
            // One tab stop for the list (the open tab); Tab goes on into its panel.
            tabIndex={tab === name ? 0 : -1}
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
        // biome-ignore lint/a11y/noNoninteractiveTabindex: WAI-ARIA's tabs pattern makes a tab panel a tab stop, so one without controls (Metrics before a run) still scrolls by keys
        tabIndex={0}
      >
        {/* The panel's heading, for the page's outline: the tab already shows its name. */}
        <h2 className="visually-hidden">{tab}</h2>
        {tab === 'Dataset' && <DatasetSection />}
        {tab === 'Training' && <TrainingTab />}
        {tab === 'Metrics' && <MetricsSection />}
        {tab === 'Runs' && <RunsTab />}
      </div>
    </aside>
  );
}
