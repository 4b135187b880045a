import { type Grade, LOCK_LABELS, METRIC_LABELS, metricText } from '../../../engine';
import {
  LOCKABLE_SETTINGS,
  type Project,
  RUN_METRICS,
  type RunMetric,
  type RunMetrics,
} from '../../../shared/project';
import { lockedValueText } from './assignmentForm';

/** "loss 0.1234, accuracy 0.91": the goal's metric first; a dash for none. */
export function metricsText(metrics: RunMetrics | null, first: RunMetric): string {
  if (!metrics) return '—';
  const order = [first, ...RUN_METRICS.filter((m) => m !== first)];
  const parts = order.flatMap((metric) => {
    const value = metrics[metric];
    return value === undefined ? [] : [`${METRIC_LABELS[metric]} ${metricText(value)}`];
  });
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** The verdict as the table says it, with its sign and in words (the sign alone is colour's job). */
export function verdictText(grade: Grade): string {
  return grade.passed ? '✓ passed' : '✗ failed';
}

/** "25" parameters, or a dash when the graph does not compile. */
export function parametersText(parameters: number | null): string {
  return parameters === null ? '—' : parameters.toLocaleString('en-US');
}

/** "Batch size" from "the batch size": a label, not a sentence. */
export function settingHeading(label: string): string {
  const bare = label.replace(/^the /, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** A hand-in's settings as the view lists them beside its graph: those an assignment can lock. */
export function settingsRows(
  project: Pick<Project, 'dataset' | 'training'>,
): { label: string; value: string }[] {
  return LOCKABLE_SETTINGS.map((setting) => ({
    label: settingHeading(LOCK_LABELS[setting]),
    value: lockedValueText(setting, project),
  }));
}
