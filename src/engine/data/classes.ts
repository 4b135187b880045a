import { parseNumber } from './csvCells';

/**
 * Alphabetical order that is the same in every JavaScript engine (no locale): case-insensitive
 * first, then by code units so that "a" and "A" still have a fixed order.
 */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The class names of a label column and each label's class index. Numeric labels sort in numeric
 * order and merge when equal (`1` and `1.0` are one class, named `1`), so integer labels 0..9 keep
 * their indices; text labels sort alphabetically.
 *
 * @example
 * sortClasses(['cat', 'Dog', 'ant'], false).classes; // ['ant', 'cat', 'Dog']
 * sortClasses(['10', '2', '2.0'], false).classes; // ['2', '10']
 */
export function sortClasses(
  labels: readonly string[],
  decimalComma: boolean,
): { classes: string[]; indexOf: Map<string, number> } {
  const values = labels.map((label) => parseNumber(label, decimalComma));
  const numeric = values.every((v) => !Number.isNaN(v));
  const names = numeric ? values.map((v) => String(v)) : [...labels];
  const classes = [...new Set(names)];
  if (numeric) classes.sort((a, b) => Number(a) - Number(b));
  else classes.sort(compareText);
  const index = new Map(classes.map((name, i) => [name, i]));
  const indexOf = new Map(labels.map((label, i) => [label, index.get(names[i]!)!]));
  return { classes, indexOf };
}
