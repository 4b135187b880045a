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

/** Escapes Python reads in a string literal for the characters a text most often holds. */
const SHORT_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * Characters written as escapes: control and format characters, lone surrogates, private and
 * unassigned code points (Unicode's C categories), and every separator but the space (line and
 * paragraph separators among them), so that no line break, invisible or direction-changing
 * character reaches the script's text.
 */
const UNPRINTABLE = /[\p{C}\p{Z}]/u;

const hexEscape = (code: number): string =>
  code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : code <= 0xffff
      ? `\\u${code.toString(16).padStart(4, '0')}`
      : `\\U${code.toString(16).padStart(8, '0')}`;

/**
 * Any text (a name, a label, a path the user typed) as a Python string literal that is inert
 * wherever the script holds it: single-quoted, as PEP 8's examples and the lessons write them,
 * with backslashes, both quote characters and every character that is not printable as escapes.
 * The literal is one line without a raw quote or backslash of its own, so it also sits safely in
 * a comment or a docstring, where it reads as the name in quotes. Other letters (`é`, `東`) stay
 * as they are: the script is UTF-8, as Python 3 reads it.
 *
 * @example
 * pythonString(`it's 20°C`); // the 12 characters 'it\'s 20°C'
 */
export function pythonString(text: string): string {
  let out = '';
  // By code point: a pair of surrogates is one character, a lone surrogate one escape.
  for (const char of text) {
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (char !== ' ' && UNPRINTABLE.test(char)) out += hexEscape(char.codePointAt(0)!);
    else out += char;
  }
  return `'${out}'`;
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
