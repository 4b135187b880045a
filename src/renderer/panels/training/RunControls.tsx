import type { CommandId } from '../../../shared/commands';
import { runCommand } from '../../commands/registry';
import { useCommandContext } from '../../commands/useCommands';
import { useCompiled, useProject, useTraining, useUi } from '../../stores/appStores';
import type { TrainPlan } from '../../stores/trainingState';
import { trainBlockers, trainPlan } from '../../stores/trainingStore';

/** Why Train cannot start now (see trainBlockers). */
function useBlockers(): string[] {
  const fields = useUi((s) => s.invalidFields);
  const problems = useCompiled((s) => s.result.problems);
  return trainBlockers(fields, problems);
}

/** What Train will do, from the last run's weights and the project as it is now. */
function usePlan(): TrainPlan {
  const trained = useTraining((s) => s.trained);
  const model = useCompiled((s) => s.result.model);
  const dataset = useProject((s) => s.dataset);
  const training = useProject((s) => s.training);
  return trainPlan(trained, { modelKey: model && JSON.stringify(model), dataset, training });
}

/**
 * Train, Pause/Resume, Stop and Step (one batch), enabled as the run allows. Train
 * says whether it continues the last run's weights or starts from the initial ones, and while it
 * cannot start, the reasons are listed under the buttons.
 */
export function RunControls() {
  const ctx = useCommandContext();
  const phase = useTraining((s) => s.phase);
  const running = useTraining((s) => s.running);
  const blockers = useBlockers();
  const plan = usePlan();
  const hasWeights = useTraining((s) => s.trained !== undefined);
  const run = (id: CommandId) => runCommand(id, ctx);
  const active = phase === 'running' || phase === 'loading';
  const blocked = !running && blockers.length > 0;
  const label =
    phase === 'paused'
      ? 'Train'
      : plan.from === 'continue'
        ? `Continue from epoch ${plan.epoch}`
        : hasWeights
          ? 'Train from the start'
          : 'Train';
  return (
    <>
      <div className="run-controls" role="toolbar" aria-label="Training controls">
        <button
          type="button"
          className="primary"
          disabled={active || blocked}
          aria-describedby={blocked ? 'train-blockers' : undefined}
          onClick={() => run('train')}
        >
          {label}
        </button>
        <button
          type="button"
          disabled={!running || phase === 'loading'}
          onClick={() => run('pause-training')}
        >
          {phase === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={!running} onClick={() => run('stop-training')}>
          Stop
        </button>
        <button
          type="button"
          disabled={blocked || phase === 'loading'}
          title="Train on one batch, then pause and show the numbers"
          onClick={() => run('step')}
        >
          Step
        </button>
      </div>
      {blocked ? (
        <ul className="train-blockers" id="train-blockers" aria-label="Why Train is disabled">
          {blockers.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : (
        !running &&
        plan.from === 'start' &&
        plan.why && <p className="train-plan">Train starts from the initial weights: {plan.why}.</p>
      )}
    </>
  );
}

/** Back to the project's initial weights: beside Export, below the run's own controls. */
export function ResetWeightsButton() {
  const ctx = useCommandContext();
  const running = useTraining((s) => s.running);
  const hasRun = useTraining((s) => s.run !== undefined);
  return (
    <button
      type="button"
      disabled={running || !hasRun}
      title="Start again from the project's initial weights"
      onClick={() => runCommand('reset-weights', ctx)}
    >
      Reset weights
    </button>
  );
}
