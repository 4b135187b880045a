import { classificationMetrics, type TargetMetrics } from '../metrics';
import type { ClassificationSummary, RegressionSummary } from './modelFileSchema';

/**
 * What a model file and `layerboard eval --json` say of a classification: each class's
 * precision, recall, F1 and support under its name, and the macro averages.
 *
 * @example
 * classificationSummary([[2, 0], [1, 1]], ['cat', 'dog']).classes[1];
 * // { name: 'dog', precision: 1, recall: 0.5, f1: 0.6667, support: 2 }
 */
export function classificationSummary(
  matrix: readonly (readonly number[])[],
  classes: readonly string[],
): ClassificationSummary {
  const { perClass, macro } = classificationMetrics(matrix);
  return {
    classes: perClass.map((m, c) => ({ name: classes[c] ?? String(c), ...m })),
    macro: { ...macro },
  };
}

/** What a model file and `layerboard eval --json` say of a regression: each target's metrics by name. */
export function regressionSummary(
  targets: readonly TargetMetrics[],
  names: readonly string[],
): RegressionSummary {
  return { targets: targets.map((m, j) => ({ name: names[j] ?? `target ${j + 1}`, ...m })) };
}
