import { useState } from 'react';
import { DatasetSection } from './DatasetSection';
import { MetricsSection } from './MetricsSection';
import { TrainingSettings } from './TrainingSettings';

const TABS = ['Dataset', 'Training', 'Metrics'] as const;
type Tab = (typeof TABS)[number];

/** The right-hand panel: the dataset, the training settings and the live metrics, one tab each. */
export function SidePanel() {
  const [tab, setTab] = useState<Tab>('Dataset');
  return (
    <aside className="side-panel" aria-label="Side panel">
      <div className="tabs" role="tablist" aria-label="Panels">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`tabpanel-${name}`}
            className="tab"
            onClick={() => setTab(name)}
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
        {tab === 'Training' && <TrainingSettings />}
        {tab === 'Metrics' && <MetricsSection />}
      </div>
    </aside>
  );
}
