import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXTS } from '../engine/testing/hostileTexts';
import { confusionText, terminalText } from './format';

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
