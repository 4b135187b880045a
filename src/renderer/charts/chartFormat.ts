// How the charts write text: numbers for people, and data as HTML-escaped text. ECharts puts what
// a tooltip `formatter` returns into the page as HTML, so every formatter that builds its text
// from data (class labels, column names) escapes it with `escapeHtml`.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as HTML that shows exactly that text: `<img onerror=...>` as a label reads as those
 * characters, never as an element.
 *
 * @example
 * escapeHtml('<b>cat</b>'); // '&lt;b&gt;cat&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * A number as people read it on a chart: `digits` significant digits at most (trailing zeros
 * dropped), thousands grouped (`1,200`), and exponent form (`1.5e35`, `2e-7`) only when it is
 * large or tiny. So an axis tick ECharts computes as 1.4999999999999998e+35 reads `1.5e35`.
 *
 * @example
 * chartNumber(0.1 + 0.2); // '0.3'
 * chartNumber(5070.7681, 4); // '5,071'
 */
export function chartNumber(value: number, digits = 12): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(digits));
  const size = Math.abs(rounded);
  if (size === 0) return '0';
  if (size >= 1e6 || size < 1e-4) {
    const [mantissa, exponent] = rounded.toExponential().split('e');
    return `${mantissa}e${Number(exponent)}`;
  }
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/**
 * An axis tick: every digit the tick has (ticks are round numbers: 0.0002, 1,500, 1e-7), without
 * the float noise of their computation.
 */
export const axisNumber = (value: number): string => chartNumber(value, 12);

/** A value in a tooltip: four significant digits. */
export const tooltipNumber = (value: number): string => chartNumber(value, 4);

/** The labels of a value axis, for every chart's value axes. */
export const NUMBER_AXIS_LABEL = { formatter: axisNumber } as const;
