import { useEffect, useId } from 'react';
import {
  earlyStoppingProblem,
  type LrSchedule,
  type TrainingSettings as Settings,
  TRAINING_LIMITS,
} from '../../shared/project';
import { projectStore, uiStore } from '../stores/appStores';
import { Field, NumberField } from './fields';

const update = (patch: Partial<Settings>) => projectStore.getState().updateTraining(patch);

type ScheduleType = LrSchedule['type'];

const SCHEDULE_HINTS: Record<ScheduleType, string> = {
  constant: 'The same learning rate every epoch.',
  step: 'Multiplies the rate by gamma every step-size epochs (StepLR), so that late epochs take smaller steps.',
  cosine:
    'Lowers the rate along half a cosine to the minimum rate over T max epochs (CosineAnnealingLR), then back up.',
};

/**
 * A new schedule of `type` for a run of `epochs` epochs: StepLR with PyTorch's default gamma
 * 0.1 three times in the run, CosineAnnealingLR down to 0 at the run's last epoch.
 */
function scheduleOf(type: ScheduleType, epochs: number): LrSchedule | undefined {
  switch (type) {
    case 'constant':
      // A constant rate is the project file's default: the field is left out.
      return undefined;
    case 'step':
      return { type: 'step', stepSize: Math.max(1, Math.floor(epochs / 3)), gamma: 0.1 };
    case 'cosine':
      return { type: 'cosine', tMax: epochs, etaMin: 0 };
  }
}

/** The learning-rate schedule: a select and the chosen schedule's numbers, as PyTorch names them. */
export function ScheduleSettings({ training }: { training: Settings }) {
  const schedule: LrSchedule = training.schedule ?? { type: 'constant' };
  return (
    <>
      <Field label="Learning-rate schedule" hint={SCHEDULE_HINTS[schedule.type]}>
        {(id) => (
          <select
            id={id}
            value={schedule.type}
            onChange={(e) =>
              update({ schedule: scheduleOf(e.target.value as ScheduleType, training.epochs) })
            }
          >
            <option value="constant">Constant</option>
            <option value="step">Step</option>
            <option value="cosine">Cosine</option>
          </select>
        )}
      </Field>
      {schedule.type === 'step' && (
        <div className="field-row">
          <NumberField
            label="Step size"
            value={schedule.stepSize}
            limits={TRAINING_LIMITS.stepSize}
            onCommit={(stepSize) => update({ schedule: { ...schedule, stepSize } })}
          />
          <NumberField
            label="Gamma"
            value={schedule.gamma}
            limits={TRAINING_LIMITS.gamma}
            onCommit={(gamma) => update({ schedule: { ...schedule, gamma } })}
          />
        </div>
      )}
      {schedule.type === 'cosine' && (
        <div className="field-row">
          <NumberField
            label="T max"
            value={schedule.tMax}
            limits={TRAINING_LIMITS.tMax}
            onCommit={(tMax) => update({ schedule: { ...schedule, tMax } })}
          />
          <NumberField
            label="Minimum rate"
            value={schedule.etaMin}
            limits={TRAINING_LIMITS.etaMin}
            onCommit={(etaMin) => update({ schedule: { ...schedule, etaMin } })}
          />
        </div>
      )}
    </>
  );
}

/**
 * Early stopping: a checkbox and its patience. Without a validation split it cannot work: the
 * message shows under the checkbox and Train is disabled with it as the reason (ui store's
 * `invalidFields`), until the split is set or early stopping is turned off.
 */
export function EarlyStoppingSettings({ training }: { training: Settings }) {
  const key = useId();
  const { earlyStopping } = training;
  const problem = earlyStoppingProblem(training);
  useEffect(() => {
    uiStore.getState().setInvalidField(key, problem);
  }, [key, problem]);
  useEffect(() => () => uiStore.getState().setInvalidField(key, undefined), [key]);
  return (
    <>
      <Field
        label="Early stopping"
        hint={
          problem
            ? undefined
            : "Stops when the validation loss has not gone down for a number of epochs (the patience), and keeps the best epoch's weights."
        }
      >
        {(id) => (
          <>
            <input
              id={id}
              type="checkbox"
              checked={earlyStopping !== undefined}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-error` : undefined}
              onChange={(e) =>
                update({ earlyStopping: e.target.checked ? { patience: 5 } : undefined })
              }
            />
            {problem && (
              <p className="field-error" id={`${id}-error`} role="alert">
                {problem}
              </p>
            )}
          </>
        )}
      </Field>
      {earlyStopping && (
        <NumberField
          label="Patience"
          hint="Epochs without a lower validation loss before training stops."
          value={earlyStopping.patience}
          limits={TRAINING_LIMITS.patience}
          onCommit={(patience) => update({ earlyStopping: { patience } })}
        />
      )}
    </>
  );
}
