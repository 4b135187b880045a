import type { LossName } from '../../shared/project';

export type Task = 'regression' | 'classification';

/** What a model must fit of its data: the Input's shape and the outputs the last layer gives. */
export interface DataShape {
  /** One sample's shape: `[3]` for three feature columns, `[28, 28]` for images. */
  readonly sampleShape: readonly number[];
  readonly task: Task;
  /** Number of regression targets, or number of classes. */
  readonly outputs: number;
  /** Rows to train on, when known (at most: before a validation split): no batch is larger. */
  readonly rows?: number;
}

/**
 * The one producer of a DataShape, from what any dataset knows of itself (a loaded one's
 * DatasetInfo, a built-in's entry): a classifier ends with one score per class, a regression with
 * one output per target column.
 */
export function dataShapeOf(facts: {
  readonly sampleShape: readonly number[];
  readonly task: Task;
  readonly classes?: readonly string[] | undefined;
  readonly targetNames: readonly string[];
  readonly counts?: { readonly train: number };
}): DataShape {
  return {
    sampleShape: facts.sampleShape,
    task: facts.task,
    outputs:
      facts.task === 'classification' ? (facts.classes?.length ?? 0) : facts.targetNames.length,
    ...(facts.counts ? { rows: facts.counts.train } : {}),
  };
}

/**
 * The loss a task calls for, as the PyTorch lessons use it: cross-entropy (`nn.CrossEntropyLoss`)
 * for classes, mean squared error (`nn.MSELoss`) for numbers.
 */
export function suggestedLoss(task: Task): LossName {
  return task === 'classification' ? 'cross-entropy' : 'mse';
}
