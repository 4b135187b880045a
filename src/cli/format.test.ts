import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXTS } from '../engine/testing/hostileTexts';
import { classMetricsText, confusionText, targetMetricsText, terminalText } from './format';

describe('terminal text', () => {
  it('shows control characters as escapes, so a label cannot drive the terminal', () => {
    expect(terminalText('cat\u001b[2J\r\n\u0085\u2028ok é')).toBe(
      'cat\\u001b[2J\\u000d\\u000a\\u0085\\u2028ok é',
    );
    const matrix = HOSTILE_TEXTS.map((_, t) => HOSTILE_TEXTS.map((_, p) => (t === p ? 1 : 0)));
    const text = confusionText(matrix, [...HOSTILE_TEXTS, 'bell\u0007']);
    // One line per class, plus the title and the column numbers; no control character but \n.
    expect(text.split('\n')).toHaveLength(HOSTILE_TEXTS.length + 2);
    expect(text).not.toMatch(/(?!\n)[\p{Cc}\u2028\u2029]/u);
  });
});

describe('metric tables', () => {
  it('lays out per-class metrics as classification_report does, with escaped names', () => {
    const text = classMetricsText({
      classes: [
        { name: 'cat\u001b[2J', precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
        { name: 'dog', precision: 0.5, recall: 1, f1: 2 / 3, support: 1 },
      ],
      macro: { precision: 0.75, recall: 0.75, f1: 2 / 3 },
    });
    expect(text.split('\n')).toEqual([
      'class         precision  recall      f1  support',
      'cat\\u001b[2J     1.0000  0.5000  0.6667        2',
      'dog              0.5000  1.0000  0.6667        1',
      'macro avg        0.7500  0.7500  0.6667        3',
    ]);
  });

  it('shows each target’s R², MAE and RMSE, and n/a for an R² that is not defined', () => {
    const text = targetMetricsText({
      targets: [
        { name: 'y', r2: -0.25, mae: 1.5, rmse: 2 },
        { name: 'z\n', mae: 0, rmse: 0 },
      ],
    });
    expect(text.split('\n')).toEqual([
      'target        r2     mae    rmse',
      'y        -0.2500  1.5000  2.0000',
      'z\\u000a      n/a  0.0000  0.0000',
    ]);
  });
});
