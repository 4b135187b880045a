import { useDeferredValue, useEffect, useState } from 'react';
import { ExportButton } from '../../export/ExportButton';
import { useTraining } from '../../stores/appStores';
import { TrainingSettings } from '../TrainingSettings';
import { AccuracyChart } from './AccuracyChart';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DatasetLine } from './DatasetLine';
import { DeadUnitsHint } from './DeadUnitsHint';
import { DivergenceDoctor } from './DivergenceDoctor';
import { FitChart } from './FitChart';
import { Gallery } from './Gallery';
import { InsideModel } from './InsideModel';
import { LossChart } from './LossChart';
import { ResetWeightsButton, RunControls } from './RunControls';
import { RunStatus } from './RunStatus';
import { StepDetailsView } from './StepDetailsView';
import { WeightPictures } from './WeightPictures';

/**
 * The Training tab: the controls and the status on top, the settings (folded away while a run
 * is on, so the charts stay in view), then the live charts of the run.
 */
export function TrainingTab() {
  // The charts mount in a render of their own, after the one that answers the click on Train
  // (buttons, status, the panel widening), so that the two do not add up to one long task.
  const run = useDeferredValue(useTraining((s) => s.run));
  const running = useTraining((s) => s.running);
  const classification = useTraining((s) => s.facts?.task === 'classification');
  const [open, setOpen] = useState(true);
  useEffect(() => {
    if (running) setOpen(false);
  }, [running]);
  return (
    <div className="panel-section training-tab">
      <RunControls />
      <div className="run-secondary" role="toolbar" aria-label="Weights and export">
        <ResetWeightsButton />
        <ExportButton />
      </div>
      <RunStatus />
      <DivergenceDoctor />
      <DeadUnitsHint />
      <details
        className="settings-fold"
        open={open}
        onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      >
        <summary>
          Settings{running ? ' (this run uses them as they were when it started)' : ''}
        </summary>
        <DatasetLine />
        <TrainingSettings />
      </details>
      {run !== undefined && (
        <div className="live-charts">
          <LossChart />
          {classification && <AccuracyChart />}
          <ConfusionMatrix />
          <FitChart />
          <StepDetailsView />
          <WeightPictures />
          <Gallery />
          <InsideModel />
        </div>
      )}
    </div>
  );
}
