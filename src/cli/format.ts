import type { Evaluation } from '../engine/backend';
import { missingText } from '../engine/data/csvDataset';
import type { DatasetInfo, PreparedData } from '../engine/data/loadData';
import { classCounts } from '../engine/data/stats';
import { encodingText } from '../engine/data/tableEncoding';
import type { ClassificationSummary, RegressionSummary } from '../engine/export/modelFileSchema';
import type { EpochReport } from '../engine/train/trainer';
import { lossText, rateText } from '../shared/lossText';

/**
 * Text as a terminal shows it, never obeys it: control characters (an escape sequence in a class
 * label or a file name, a carriage return that would overwrite the line) and line separators
 * become `\u001b`-style escapes. For every line written for people: messages, a matrix's labels.
 *
 * @example
 * terminalText('cat\u001b[2J'); // 'cat\\u001b[2J'
 */
export function terminalText(text: string): string {
  return text.replace(
    /[\p{Cc}\u2028\u2029]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A loss or metric for a terminal: 4 decimals, or 5 significant digits when tiny or huge. */
export const formatNumber = (value: number): string => lossText(value, 5);

/** `epoch 3/10 loss 0.4321 val_loss 0.5012 accuracy 0.8123`, and `lr 0.05` with `showRate`. */
export function epochLine(report: EpochReport, showRate = false): string {
  const parts = [`epoch ${report.epoch}/${report.epochs}`, `loss ${formatNumber(report.loss)}`];
  if (report.valLoss !== undefined) parts.push(`val_loss ${formatNumber(report.valLoss)}`);
  if (report.accuracy !== undefined) parts.push(`accuracy ${formatNumber(report.accuracy)}`);
  if (showRate) parts.push(`lr ${rateText(report.lr)}`);
  return parts.join(' ');
}

/**
 * What was done to a table before training: the missing values (rows left out, cells filled)
 * and the inputs its columns make (`inputs [batch, 9] = 4 numbers + island (3) + sex (2)`).
 */
export function dataLines(info: DatasetInfo): string[] {
  const lines: string[] = [];
  const missing = info.missing && missingText(info.missing);
  if (missing) lines.push(`"${terminalText(info.name)}": ${missing}`);
  if (info.columns) {
    const shape = `[batch, ${info.sampleShape.join(', ')}]`;
    lines.push(`inputs ${shape} = ${terminalText(encodingText(info.columns))}`);
  }
  return lines;
}

/** `test loss 0.3012 accuracy 0.8912 (69 samples)`: the held-out test split, at the end. */
export function testLine(result: Evaluation): string {
  const parts = [`test loss ${formatNumber(result.loss)}`];
  if (result.accuracy !== undefined) parts.push(`accuracy ${formatNumber(result.accuracy)}`);
  return `${parts.join(' ')} (${result.count} samples)`;
}

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * What `layerboard train` says of an image folder it read: images per class (all splits), and
 * how many went to each split, as `shoes: 6 images in 3 classes (Boot 3, sandal 2, shirt 1);
 * 3 to train on, 1 to validate, 2 for the test`.
 */
export function folderSummary(data: PreparedData): string {
  const { info } = data;
  const classes = info.classes ?? [];
  const totals = new Array<number>(classes.length).fill(0);
  for (const split of [data.train, data.validation, data.test]) {
    if (split) for (const [k, n] of classCounts(split).entries()) totals[k]! += n;
  }
  const images = totals.reduce((a, b) => a + b, 0);
  const perClass = classes.map((c, k) => `${c} ${totals[k]!.toLocaleString('en-US')}`).join(', ');
  const { train, validation, test } = info.counts;
  const splits = [`${train.toLocaleString('en-US')} to train on`];
  if (validation > 0) splits.push(`${validation.toLocaleString('en-US')} to validate`);
  if (test > 0) splits.push(`${test.toLocaleString('en-US')} for the test`);
  return terminalText(
    `${info.name}: ${count(images, 'image', 'images')} in ${count(classes.length, 'class', 'classes')} (${perClass}); ${splits.join(', ')}`,
  );
}

/** A confusion matrix as aligned text, rows the true classes, columns the predicted ones. */
export function confusionText(
  matrix: readonly (readonly number[])[],
  classes: readonly string[],
): string {
  const width = Math.max(
    ...matrix.flat().map((n) => String(n).length),
    ...matrix.map((_, i) => String(i).length),
  );
  const lines = ['confusion matrix (rows: true class, columns: predicted class)'];
  lines.push(`${' '.repeat(width)}  ${matrix.map((_, i) => String(i).padStart(width)).join(' ')}`);
  matrix.forEach((row, t) => {
    const name = classes[t] === undefined ? '' : `  ${terminalText(classes[t])}`;
    lines.push(
      `${String(t).padStart(width)}  ${row.map((n) => String(n).padStart(width)).join(' ')}${name}`,
    );
  });
  return lines.join('\n');
}

/**
 * Rows of cells as aligned text: the first column (names) to the left, the numbers to the right;
 * or every column to the left (`allLeft`), for rows of words.
 */
export function alignedRows(rows: readonly (readonly string[])[], allLeft = false): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r.map((cell, c) =>
        c === 0 || allLeft ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
      ),
    )
    .map((r) => r.join('  ').trimEnd())
    .join('\n');
}

/**
 * Per-class precision, recall, F1 and support with the macro averages, laid out as
 * scikit-learn's `classification_report` prints them.
 */
export function classMetricsText({ classes, macro }: ClassificationSummary): string {
  const rows = [
    ['class', 'precision', 'recall', 'f1', 'support'],
    ...classes.map((m) => [
      terminalText(m.name),
      formatNumber(m.precision),
      formatNumber(m.recall),
      formatNumber(m.f1),
      String(m.support),
    ]),
    [
      'macro avg',
      formatNumber(macro.precision),
      formatNumber(macro.recall),
      formatNumber(macro.f1),
      String(classes.reduce((sum, m) => sum + m.support, 0)),
    ],
  ];
  return alignedRows(rows);
}

/** R², MAE and RMSE of each target, one line each (R² is "n/a" with fewer than two samples). */
export function targetMetricsText({ targets }: RegressionSummary): string {
  return alignedRows([
    ['target', 'r2', 'mae', 'rmse'],
    ...targets.map((m) => [
      terminalText(m.name),
      m.r2 === undefined ? 'n/a' : formatNumber(m.r2),
      formatNumber(m.mae),
      formatNumber(m.rmse),
    ]),
  ]);
}
