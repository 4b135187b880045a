/**
 * JSON text written piece by piece, in the model file's layout: indented by two spaces as
 * `JSON.stringify(value, null, 2)`, except that a list of numbers or plain names stays on one
 * line (`"bias": [0.5, -1.25]`, `"classes": ["cat", "dog"]`), so a weight matrix reads one row
 * per line. Written as pieces because a model of tens of millions of weights is more text than one
 * JavaScript string may hold.
 */

/** Numbers per piece of a long list: a row of a wide Linear is cut into pieces too. */
const NUMBERS_PER_PIECE = 1 << 16;

/** A number JSON cannot hold (NaN, ±Infinity) or a null, found at `path` (`layers[0].bias[3]`). */
export class NotFiniteError extends Error {
  override readonly name = 'NotFiniteError';
  constructor(
    readonly path: string,
    readonly value: unknown,
  ) {
    super(`${path} is ${String(value)}: JSON holds finite numbers only`);
  }
}

/** A string's JSON, when it needs no escape: such names share a line in a list. */
const plainString = (value: unknown): value is string =>
  typeof value === 'string' && !JSON.stringify(value).includes('\\');

const isScalarList = (list: readonly unknown[]) =>
  list.length > 0 && list.every((v) => typeof v === 'number' || plainString(v));

function scalarText(value: unknown, path: () => string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NotFiniteError(path(), value);
    return String(value);
  }
  return JSON.stringify(value);
}

/** A list of scalars on one line, in pieces of at most NUMBERS_PER_PIECE items. */
function* scalarList(list: readonly unknown[], path: () => string): Generator<string> {
  yield '[';
  for (let start = 0; start < list.length; start += NUMBERS_PER_PIECE) {
    const end = Math.min(list.length, start + NUMBERS_PER_PIECE);
    const items: string[] = [];
    for (let i = start; i < end; i++) items.push(scalarText(list[i], () => `${path()}[${i}]`));
    yield `${start === 0 ? '' : ', '}${items.join(', ')}`;
  }
  yield ']';
}

/**
 * The JSON text of `value` in pieces, in the layout above. Like JSON.stringify, properties whose
 * value is undefined are left out; unlike it, a number that is not finite, or a null, is an error
 * (NotFiniteError naming where it is) rather than a `null` that no reader would take for a number.
 *
 * @example
 * for (const piece of jsonPieces(file)) stream.write(piece);
 */
export function* jsonPieces(value: unknown, indent = '', path = ''): Generator<string> {
  const where = () => path || '(top level)';
  if (value === null || value === undefined) throw new NotFiniteError(where(), value);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
    } else if (isScalarList(value)) {
      yield* scalarList(value, where);
    } else {
      const inner = `${indent}  `;
      yield '[\n';
      for (let i = 0; i < value.length; i++) {
        yield inner;
        yield* jsonPieces(value[i], inner, `${path}[${i}]`);
        yield i < value.length - 1 ? ',\n' : `\n${indent}]`;
      }
    }
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) {
      yield '{}';
      return;
    }
    const inner = `${indent}  `;
    yield '{\n';
    for (let i = 0; i < entries.length; i++) {
      const [key, item] = entries[i]!;
      yield `${inner}${JSON.stringify(key)}: `;
      yield* jsonPieces(item, inner, path ? `${path}.${key}` : key);
      yield i < entries.length - 1 ? ',\n' : `\n${indent}}`;
    }
    return;
  }
  yield scalarText(value, where);
}
