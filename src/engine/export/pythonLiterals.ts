import { shortestFloat32 } from './numberText';

/**
 * A float32 as a Python float literal, as short as reads back the same (what `torch.tensor`
 * makes of it): `0.5`, `3.0`, `1e-07`. A list of them must not become an int64 tensor, so a whole
 * number keeps its `.0`.
 *
 * @example
 * float32Text(Math.fround(0.1)); // '0.1', not '0.10000000149011612'
 */
export function float32Text(value: number): string {
  if (Object.is(Math.fround(value), -0)) return '-0.0';
  const text = shortestFloat32(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** A Python string literal (single quotes, as PEP 8's examples and the lessons write them). */
export function pythonString(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n');
  return `'${escaped}'`;
}

/** A Python list of strings on one line. */
export function pythonStrings(values: readonly string[]): string {
  return `[${values.map(pythonString).join(', ')}]`;
}

/**
 * A list of float32 numbers, wrapped to lines of at most `width` characters, continuation lines
 * indented by `indent` spaces (the opening bracket is the caller's line).
 */
export function pythonFloats(values: ArrayLike<number>, indent: number, width = 100): string {
  const items = Array.from(values, float32Text);
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && indent + line.length + item.length + 2 > width) {
      lines.push(`${line},`);
      line = item;
    } else {
      line = line === '' ? item : `${line}, ${item}`;
    }
  }
  lines.push(line);
  return `[${lines.join(`\n${' '.repeat(indent + 1)}`)}]`;
}

/** A matrix as a list of rows, one row (or a wrapped block of lines) per line. */
export function pythonMatrix(rows: readonly (readonly number[])[], indent: number): string {
  if (rows.length === 0) return '[]';
  const inner = ' '.repeat(indent + 4);
  const body = rows.map((row) => `${inner}${pythonFloats(row, indent + 4)},`).join('\n');
  return `[\n${body}\n${' '.repeat(indent)}]`;
}

/** Text wrapped at spaces into lines of at most `width` characters (a docstring's paragraph). */
export function wrapText(text: string, width = 96, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${indent}`);
}
