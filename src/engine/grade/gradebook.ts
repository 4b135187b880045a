import { RUN_METRICS, type RunMetrics } from '../../shared/project';
import type { Grade } from './grading';

/**
 * A spreadsheet cell per RFC 4180 (quoted when it holds a comma, a quote or a line break), and
 * never a formula: a student's file name starting with `=`, `+`, `-`, `@` (or a tab or carriage
 * return, which some spreadsheets skip first) gets a leading `'`, OWASP's advice against CSV
 * injection, so opening the gradebook runs nothing.
 */
export function gradebookCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const metricCells = (metrics: RunMetrics | null) =>
  RUN_METRICS.map((name) => gradebookCell(metrics?.[name]));

/**
 * The gradebook of `layerboard grade --csv` and of the app's teacher view: one row per hand-in
 * with its verdict, parameter count, claimed and measured metrics, and its problems joined by
 * "; ".
 *
 * @example
 * gradebookCsv(grades).split('\n')[0];
 * // 'file,passed,parameters,claimed_loss,claimed_valLoss,claimed_accuracy,measured_loss,...'
 */
export function gradebookCsv(grades: readonly Grade[]): string {
  const header = [
    'file',
    'passed',
    'parameters',
    ...RUN_METRICS.map((name) => `claimed_${name}`),
    ...RUN_METRICS.map((name) => `measured_${name}`),
    'problems',
  ];
  const rows = grades.map((grade) =>
    [
      gradebookCell(grade.file),
      gradebookCell(grade.passed),
      gradebookCell(grade.parameters),
      ...metricCells(grade.claimed),
      ...metricCells(grade.measured),
      gradebookCell(grade.problems.join('; ')),
    ].join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
