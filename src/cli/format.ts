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
