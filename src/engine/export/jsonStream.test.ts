import { describe, expect, it } from 'vitest';
import { MT19937 } from '../random';
import { JsonParser, JsonSyntaxError } from './jsonStream';

/** Parses `text` fed in pieces of `size` characters. */
function parse(text: string, size: number): unknown {
  const parser = new JsonParser();
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  return parser.end();
}

/** A random JSON value: nested lists and objects of numbers, strings, literals. */
function randomValue(rng: MT19937, depth: number): unknown {
  const pick = Math.floor(rng.nextFloat24() * (depth > 3 ? 4 : 6));
  const small = () => Math.floor(rng.nextFloat24() * 5);
  switch (pick) {
    case 0:
      return (rng.nextFloat24() - 0.5) * 10 ** Math.floor(rng.nextFloat24() * 80 - 40);
    case 1:
      return Math.floor(rng.nextFloat24() * 2000) - 1000;
    case 2:
      return Array.from({ length: small() }, () =>
        String.fromCharCode(Math.floor(rng.nextFloat24() * 0x2100)),
      ).join('');
    case 3:
      return [true, false, null][small() % 3];
    case 4:
      return Array.from({ length: small() }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: small() }, (_, i) => [
          `k${i}"\\${small()}`,
          randomValue(rng, depth + 1),
        ]),
      );
  }
}

/** JSON.parse's verdict: the value, or that it refuses the text. */
function reference(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function ours(text: string, size: number): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parse(text, size) };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    return { ok: false };
  }
}

describe('JsonParser', () => {
  it('reads what JSON.parse reads, however the text is cut', () => {
    const rng = new MT19937(5);
    for (let n = 0; n < 300; n++) {
      const value = randomValue(rng, 0);
      const text = JSON.stringify(value, null, n % 2 === 0 ? 2 : undefined);
      for (const size of [1, 2, 7, 1000]) expect(parse(text, size)).toEqual(JSON.parse(text));
    }
  });

  it('accepts and refuses exactly what JSON.parse does, on damaged text', () => {
    const rng = new MT19937(9);
    const alphabet = '{}[],:"\\ 0123456789.eE+-truefalsnu\n\u0000x';
    for (let n = 0; n < 3000; n++) {
      const chars = [...JSON.stringify(randomValue(rng, 0))];
      const edits = 1 + Math.floor(rng.nextFloat24() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rng.nextFloat24() * (chars.length + 1));
        const char = alphabet[Math.floor(rng.nextFloat24() * alphabet.length)]!;
        if (rng.nextFloat24() < 0.5) chars.splice(at, 1);
        else chars.splice(at, 0, char);
      }
      const text = chars.join('');
      const want = reference(text);
      for (const size of [1, 3, 64]) {
        const got = ours(text, size);
        expect({ text, ok: got.ok }).toEqual({ text, ok: want.ok });
        if (got.ok && want.ok) expect(got.value).toEqual(want.value);
      }
    }
  });

  it.each([
    ['{"a": [1, 2,]}', 'line 1, column 13: expected a value but found "]"'],
    ['[1, 2]\n  x', 'line 2, column 3: expected nothing more but found "x"'],
    ['{"a" 1}', 'line 1, column 6: expected ":" but found a value'],
    ['[01]', '"01" is not a JSON number'],
    ['["a\u0000b"]', 'a string holds the control character U+0000'],
    ['[1', 'expected "," or "]" but found the end of the file'],
    ['', 'expected a value but found the end of the file'],
    ['\u0089PNG\r\n', 'line 1, column 1: expected a value but found U+0089'],
    ['[NaN]', 'expected a value or "]" but found "N"'],
    ['["abc', 'a string is not closed'],
  ])('says where %j goes wrong', (text, message) => {
    expect(() => parse(text, 2)).toThrow(message);
  });

  it('keeps a __proto__ key as an own property, as JSON.parse does', () => {
    const value = parse('{"__proto__": {"polluted": 1}, "b": 2}', 3) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'b']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('nests 100,000 deep without running out of stack', () => {
    const depth = 100_000;
    let value = parse(`${'['.repeat(depth)}${']'.repeat(depth)}`, 4096);
    for (let d = 1; d < depth; d++) value = (value as unknown[])[0];
    expect(value).toEqual([]);
  });
});
