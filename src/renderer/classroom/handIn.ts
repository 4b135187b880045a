import { version } from '../../../package.json';
import { handInRun } from '../../engine';
import type { DatasetRef, HandInRun, TrainingSettings } from '../../shared/project';
import type { TrainingState } from '../stores/trainingState';
import { trainPlan } from '../stores/trainingStore';

/** The project as it is now, as a run's result is compared with it. */
export interface ProjectNow {
  readonly modelKey: string | undefined;
  readonly dataset: DatasetRef;
  readonly training: TrainingSettings;
}

type RunState = Pick<
  TrainingState,
  'running' | 'phase' | 'outcome' | 'trained' | 'history' | 'earlyStop' | 'facts'
>;

/**
 * Why the last run cannot be handed in, in words a student can act on, or undefined when it
 * can. A hand-in claims what one run from the project's own start measured, so that the teacher's
 * re-run from the same graph, settings and seed can repeat it: a run that was stopped, diverged,
 * continued an earlier one, or trained another graph or other settings than the project now has
 * cannot be.
 */
export function handInProblem(run: RunState, now: ProjectNow): string | undefined {
  if (run.running)
    return 'A run is on: let it finish (or stop it and train again) before handing in.';
  const { trained } = run;
  if (run.phase !== 'finished' || run.outcome === undefined || !trained) {
    return 'Train the model first: a hand-in carries the result of a finished run.';
  }
  if (run.outcome === 'stopped') {
    return 'The last run was stopped before its last epoch: press Train and let it run to the end.';
  }
  if (run.outcome === 'diverged') {
    return 'The last run diverged: fix the settings (the Training tab says how), then train again.';
  }
  if (trained.epoch > trained.training.epochs) {
    return 'The last run went on from an earlier one, which a re-run cannot repeat: press Reset weights, then Train, to train once from the start.';
  }
  const plan = trainPlan(trained, now);
  if (plan.from === 'start' && plan.why)
    return `${capitalized(plan.why)}: train again before handing in.`;
  if (JSON.stringify(trained.training) !== JSON.stringify(now.training)) {
    return 'The training settings changed since the last run: press Reset weights, then Train, before handing in.';
  }
  return undefined;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The `run` section of the hand-in of the last run (which `handInProblem` accepted). */
export function lastRunClaim(run: RunState, at: Date): HandInRun {
  return handInRun(
    run.history.map((entry) => entry.report),
    { keptEpoch: run.earlyStop?.bestEpoch, backend: run.facts?.backend ?? 'cpu', at, app: version },
  );
}
