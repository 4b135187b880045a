import { suggestedLoss, type Task, validationCount } from '../../engine';
import { countOf } from '../../shared/plural';
import { type TrainingSettings as Settings, TRAINING_LIMITS } from '../../shared/project';
import { useLock } from '../classroom/locks';
import { projectStore, useCompiled, useProject } from '../stores/appStores';
import { Field, NumberField } from './fields';
import { EarlyStoppingSettings, ScheduleSettings } from './ScheduleSettings';

const update = (patch: Partial<Settings>) => projectStore.getState().updateTraining(patch);

/** The loss the data calls for, and why in a few words. */
function lossSuggestion(task: Task | undefined, outputs: number) {
  if (task === undefined) return undefined;
  const loss = suggestedLoss(task);
  const why =
    task === 'classification'
      ? `Suggested: Cross-entropy, since the target is one of ${countOf(outputs, 'class', 'classes')}.`
      : 'Suggested: MSE, since the targets are numbers.';
  return { loss, why };
}

/**
 * What a validation split does to this data, in rows: "20 rows held out to validate, 77 to train
 * on". A split too large for the data is said plainly: at least one row always stays to train on.
 */
function splitHint(fraction: number, rows: number | undefined): string {
  const what = 'The share of rows held out to measure the model on data it did not train on.';
  if (rows === undefined || fraction === 0) return what;
  const held = validationCount(rows, fraction);
  const left = rows - held;
  const counts = `${countOf(held, 'row')} of ${rows.toLocaleString('en-US')} held out to validate, ${countOf(left, 'row')} to train on`;
  return left < Math.max(2, rows / 10)
    ? `${counts}: too few to learn from. Use a smaller split.`
    : `${what} Here: ${counts}.`;
}

/** The training settings of the project, each a labelled control named as in PyTorch. */
export function TrainingSettings() {
  const training = useProject((s) => s.training);
  const task = useCompiled((s) => s.dataShape?.task);
  const outputs = useCompiled((s) => s.dataShape?.outputs ?? 0);
  const rows = useCompiled((s) => s.dataShape?.rows);
  const suggestion = lossSuggestion(task, outputs);
  const { optimizer } = training;
  const lockedLoss = useLock('loss');
  const lockedOptimizer = useLock('optimizer');
  const lockedEpochs = useLock('epochs');
  const lockedBatchSize = useLock('batchSize');
  const lockedSeed = useLock('seed');
  const lockedNormalize = useLock('normalize');
  const lockedSplit = useLock('validationSplit');
  return (
    <form className="settings" onSubmit={(e) => e.preventDefault()} aria-label="Training settings">
      <Field
        label="Loss"
        locked={lockedLoss}
        hint={
          suggestion
            ? `${suggestion.why}${suggestion.loss === training.loss ? '' : ' The loss chosen does not fit this data.'}`
            : 'MSE for numbers to predict; cross-entropy for classes.'
        }
      >
        {(id) => (
          <select
            id={id}
            disabled={lockedLoss !== undefined}
            value={training.loss}
            onChange={(e) => update({ loss: e.target.value as Settings['loss'] })}
          >
            <option value="mse">MSE</option>
            <option value="cross-entropy">Cross-entropy</option>
          </select>
        )}
      </Field>
      <Field label="Optimizer" locked={lockedOptimizer}>
        {(id) => (
          <select
            id={id}
            disabled={lockedOptimizer !== undefined}
            value={optimizer.type}
            onChange={(e) =>
              update({
                optimizer:
                  e.target.value === 'adam'
                    ? {
                        type: 'adam',
                        lr: optimizer.lr,
                        beta1: 0.9,
                        beta2: 0.999,
                        eps: 1e-8,
                        weightDecay: 0,
                      }
                    : { type: 'sgd', lr: optimizer.lr, momentum: 0, weightDecay: 0 },
              })
            }
          >
            <option value="sgd">SGD</option>
            <option value="adam">Adam</option>
          </select>
        )}
      </Field>
      <NumberField
        label="Learning rate"
        value={optimizer.lr}
        limits={TRAINING_LIMITS.lr}
        locked={lockedOptimizer}
        onCommit={(lr) => update({ optimizer: { ...optimizer, lr } })}
      />
      {optimizer.type === 'sgd' && (
        <NumberField
          label="Momentum"
          value={optimizer.momentum}
          limits={TRAINING_LIMITS.momentum}
          locked={lockedOptimizer}
          onCommit={(momentum) => update({ optimizer: { ...optimizer, momentum } })}
        />
      )}
      <ScheduleSettings training={training} />
      <div className="field-row">
        <NumberField
          label="Epochs"
          value={training.epochs}
          limits={TRAINING_LIMITS.epochs}
          locked={lockedEpochs}
          onCommit={(epochs) => update({ epochs })}
        />
        <NumberField
          label="Batch size"
          value={training.batchSize}
          limits={TRAINING_LIMITS.batchSize}
          locked={lockedBatchSize}
          onCommit={(batchSize) => update({ batchSize })}
        />
      </div>
      <div className="field-row">
        <Field label="Shuffle">
          {(id) => (
            <input
              id={id}
              type="checkbox"
              checked={training.shuffle}
              onChange={(e) => update({ shuffle: e.target.checked })}
            />
          )}
        </Field>
        <NumberField
          label="Seed"
          hint="The starting weights, batch order and split PyTorch draws from this seed."
          value={training.seed}
          limits={TRAINING_LIMITS.seed}
          locked={lockedSeed}
          onCommit={(seed) => update({ seed })}
        />
      </div>
      <Field
        label="Normalize"
        hint="Standardize or min-max scale the features, from the training split only."
        locked={lockedNormalize}
      >
        {(id) => (
          <select
            id={id}
            disabled={lockedNormalize !== undefined}
            value={training.normalize}
            onChange={(e) => update({ normalize: e.target.value as Settings['normalize'] })}
          >
            <option value="none">None</option>
            <option value="standardize">Standardize</option>
            <option value="minmax">Min-max</option>
          </select>
        )}
      </Field>
      <NumberField
        label="Validation split"
        value={training.validationSplit}
        limits={TRAINING_LIMITS.validationSplit}
        locked={lockedSplit}
        onCommit={(validationSplit) => update({ validationSplit })}
        hint={splitHint(training.validationSplit, rows)}
      />
      <EarlyStoppingSettings training={training} />
    </form>
  );
}
