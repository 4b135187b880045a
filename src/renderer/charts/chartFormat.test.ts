import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXTS } from '../../engine/testing/hostileTexts';
import type { EpochEntry } from '../stores/trainingState';
import { axisNumber, chartNumber, escapeHtml, tooltipNumber } from './chartFormat';
import { fitOption, residualOption } from './regressionOptions';
import { accuracyOption, confusionOption, lossOption } from './trainingOptions';

describe('chart numbers', () => {
  it.each([
    [1.4999999999999998e35, '1.5e35'],
    [0.30000000000000004, '0.3'],
    [1200, '1,200'],
    [-1500.5, '-1,500.5'],
    [1.0002, '1.0002'],
    [0.00025, '0.00025'],
    [2e-7, '2e-7'],
    [-3.0000000000000004e-9, '-3e-9'],
    [1e6, '1e6'],
    [999999, '999,999'],
    [0, '0'],
    [-0, '0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('writes the axis tick %s as %s', (value, text) => {
    expect(axisNumber(value)).toBe(text);
  });

  it('gives tooltips four significant digits', () => {
    expect(tooltipNumber(5070.7681)).toBe('5,071');
    expect(tooltipNumber(0.123456)).toBe('0.1235');
    expect(tooltipNumber(1.23456e-9)).toBe('1.235e-9');
    expect(chartNumber(123456789, 3)).toBe('1.23e8');
  });
});

const entry = (epoch: number): EpochEntry => ({
  report: { epoch, epochs: 3, loss: 1 / 3 + epoch, valLoss: 0.1 * epoch, seconds: 1, lr: 0.01 },
  evaluation: {
    on: 'test',
    loss: 0.2,
    accuracy: 0.875,
    count: 8,
    confusionMatrix: [
      [4, 0],
      [1, 3],
    ],
  },
});

type Formatter = (...args: unknown[]) => unknown;

/** Every `formatter` and `valueFormatter` function anywhere in a chart option, by its path. */
function formatters(option: unknown, path = ''): { path: string; format: Formatter }[] {
  if (typeof option !== 'object' || option === null) return [];
  return Object.entries(option).flatMap(([key, value]) =>
    typeof value === 'function' && /formatter$/i.test(key)
      ? [{ path: `${path}.${key}`, format: value as Formatter }]
      : formatters(value, `${path}.${key}`),
  );
}

/** A tooltip's `formatter` takes an item (a heatmap cell); the others take a number. */
const isItemFormatter = (path: string) => path === '.tooltip.formatter';

/** The text an HTML fragment shows, for fragments made only of text and entities. */
const shownText = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('chart formatters', () => {
  it('escape class labels into HTML that shows them as text', () => {
    const classes = [...HOSTILE_TEXTS];
    const matrix = classes.map((_, t) => classes.map((_, p) => (t === p ? 1234 : 0)));
    const [formatter] = formatters(confusionOption(matrix, classes)).filter((f) =>
      isItemFormatter(f.path),
    );
    classes.forEach((name, i) => {
      const html = String(formatter!.format({ value: [i, i, 1234] }));
      expect(html).not.toMatch(/[<>"']/);
      expect(shownText(html)).toBe(`true ${name}, predicted ${name}: 1,234`);
    });
  });

  it('give every chart formatter hostile text and numbers without any HTML coming out', () => {
    const history = [entry(1), entry(2), entry(3)];
    const options = [
      lossOption([1.4999999999999998e35, 2, 3], history, 1, false),
      lossOption([1, 2, 3], history, 1, true),
      accuracyOption(history),
      confusionOption(
        [
          [1, 2],
          [3, 4],
        ],
        ['<b>a</b>', '"b"'],
      ),
      ...HOSTILE_TEXTS.flatMap((name) => [
        fitOption({
          kind: 'fit',
          feature: name,
          target: name,
          points: { x: [1], y: [2], predicted: [1.5] },
          line: { x: [1], y: [2] },
        }),
        fitOption({ kind: 'predictions', targetNames: [name], targets: [1], predictions: [2] }),
        residualOption({
          kind: 'predictions',
          targetNames: [name],
          targets: [1],
          predictions: [2],
        }),
      ]),
    ];
    const all = options.flatMap((option) => formatters(option));
    expect(all.length).toBeGreaterThan(5);
    for (const { path, format } of all) {
      for (const value of [0.30000000000000004, 1.4999999999999998e35, 1200]) {
        const out = String(
          isItemFormatter(path) ? format({ value: [0, 1, value] }) : format(value, 0),
        );
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(/\d{8}/);
      }
    }
    const [tooltip] = formatters(options[3]).filter((f) => isItemFormatter(f.path));
    expect(tooltip!.format({ value: [0, 1, 3] })).toBe(
      'true &quot;b&quot;, predicted &lt;b&gt;a&lt;/b&gt;: 3',
    );
    expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;',
    );
  });
});
