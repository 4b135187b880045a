import type { TrainingSettings } from '../../shared/project';

/**
 * Training settings for a test, written once: lesson 1's (plain SGD at 0.01, batches of 5, 10
 * epochs in order, seed 1, no normalisation, no validation split), with the test's changes.
 */
export function trainingSettings(changes: Partial<TrainingSettings> = {}): TrainingSettings {
  return {
    loss: 'mse',
    optimizer: { type: 'sgd', lr: 0.01, momentum: 0, weightDecay: 0 },
    batchSize: 5,
    epochs: 10,
    shuffle: false,
    seed: 1,
    normalize: 'none',
    validationSplit: 0,
    ...changes,
  };
}
