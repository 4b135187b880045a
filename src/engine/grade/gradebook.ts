import { RUN_METRICS, type RunMetrics } from '../../shared/project';
import type { Grade } from './grading';

/**
 * The gradebook's columns, as `layerboard grade --csv` and the app's "Export gradebook" write
 * them: the file, the verdict, the parameter count, each metric claimed and measured, the
 * problems.
 */
export const GRADEBOOK_COLUMNS = [
  'file',
  'passed',
  'parameters',
  ...RUN_METRICS.flatMap((metric) => [`claimed_${metric}`, `measured_${metric}`]),
  'problems',
] as const;

/**
 * A cell as a spreadsheet reads it back as text: a leading `=`, `+`, `-` or `@` (or a tab or
 * carriage return, which some spreadsheets skip before one) would start a formula, so such a
 * text gets a leading `'` (OWASP's "CSV injection" advice). Numbers are written by the gradebook
 * itself and keep their sign.
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A field as RFC 4180 writes it: quoted, inner quotes doubled, when it holds `,`, `"` or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const numberCell = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

const metricCells = (claimed: RunMetrics | null, measured: RunMetrics) =>
  RUN_METRICS.flatMap((metric) => [numberCell(claimed?.[metric]), numberCell(measured[metric])]);

/**
 * The gradebook as CSV text (RFC 4180, CRLF line ends), a header then one row per grade; a
 * metric not claimed or not measured is an empty cell, the problems are joined with "; ".
 *
 * @example
 * gradebookCsv([grade]); // "file,passed,parameters,claimed_loss,...\r\nana.layerboard.json,true,25,..."
 */
export function gradebookCsv(grades: readonly Grade[]): string {
  const rows = grades.map((grade) => [
    spreadsheetText(grade.file),
    String(grade.passed),
    numberCell(grade.parameters),
    ...metricCells(grade.claimed, grade.measured),
    spreadsheetText(grade.problems.join('; ')),
  ]);
  return [[...GRADEBOOK_COLUMNS], ...rows]
    .map((cells) => `${cells.map(csvField).join(',')}\r\n`)
    .join('');
}
