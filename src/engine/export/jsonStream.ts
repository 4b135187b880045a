/**
 * A JSON parser (RFC 8259, what JSON.parse accepts) fed its text in pieces: a model file of tens
 * of millions of weights is more text than one JavaScript string may hold (V8's limit is about
 * 2^29 characters), so it is read chunk by chunk. It keeps its own stack, so no nesting depth
 * overflows the call stack; strings and numbers cut between two chunks are carried over.
 */

/** A container being filled: an array, or an object with the key of the value that comes next. */
type Frame =
  | { readonly kind: 'array'; readonly value: unknown[] }
  | { readonly kind: 'object'; readonly value: Record<string, unknown>; key: string | undefined };

/** What may come next: a value, an object's key, the colon after it, or `,`/the closing bracket. */
type Expect = 'value' | 'first value' | 'key' | 'first key' | 'colon' | 'after value' | 'end';

/** JSON's number grammar, checked on each number's text (Number() alone would take `01`, `1.`). */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const code = (char: string) => char.charCodeAt(0);
const QUOTE = code('"');
const BACKSLASH = code('\\');
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** Characters a number's text is made of. */
const isNumberChar = (c: number) =>
  (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
const isLetter = (c: number) => c >= 0x61 && c <= 0x7a;

/** A character for a message: itself when printable, else its code (`U+0000`). */
function shown(char: string | undefined): string {
  if (char === undefined) return 'the end of the file';
  const c = char.codePointAt(0)!;
  return c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff) || /[\p{C}\p{Z}]/u.test(char)
    ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
    : JSON.stringify(char);
}

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

/**
 * Parses JSON text given in pieces: `push` each piece in order, then `end` for the value.
 * A syntax error throws JsonSyntaxError with the line and column.
 *
 * @example
 * const parser = new JsonParser();
 * for await (const text of pieces) parser.push(text);
 * const value = parser.end();
 */
export class JsonParser {
  private readonly stack: Frame[] = [];
  private expect: Expect = 'value';
  private result: unknown;
  /** A string, number or literal cut at the end of the last piece, and what it is. */
  private pending = '';
  private pendingKind: 'string' | 'number' | 'literal' | undefined;
  /** Where the pending token starts, from the start of the text. */
  private pendingAt = 0;
  /** Inside a pending string: whether the last character was a backslash. */
  private escaped = false;
  /** For messages: the line, where it started, and where the current piece starts. */
  private line = 1;
  private lineStart = 0;
  private offset = 0;

  push(text: string): void {
    let i = 0;
    const n = text.length;
    if (this.pendingKind !== undefined) i = this.resume(text);
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        if (c === 0x0a) this.newLine(i);
        i++;
        continue;
      }
      if (c === QUOTE) {
        const end = this.stringEnd(text, i + 1);
        if (end < 0) {
          this.carry('string', text, i);
          return;
        }
        this.string(text.slice(i, end + 1), this.offset + i);
        i = end + 1;
      } else if (isNumberChar(c)) {
        let end = i + 1;
        while (end < n && isNumberChar(text.charCodeAt(end))) end++;
        if (end === n) {
          this.carry('number', text, i);
          return;
        }
        this.number(text.slice(i, end), this.offset + i);
        i = end;
      } else if (isLetter(c)) {
        let end = i + 1;
        while (end < n && isLetter(text.charCodeAt(end))) end++;
        if (end === n) {
          this.carry('literal', text, i);
          return;
        }
        this.literal(text.slice(i, end), this.offset + i);
        i = end;
      } else {
        this.punctuation(text[i]!, this.offset + i);
        i++;
      }
    }
    this.offset += n;
  }

  /** The value, once the whole text has been pushed. */
  end(): unknown {
    const at = this.pendingAt;
    if (this.pendingKind === 'string') this.fail('a string is not closed', at);
    if (this.pendingKind === 'number') this.number(this.pending, at);
    if (this.pendingKind === 'literal') this.literal(this.pending, at);
    this.pendingKind = undefined;
    if (this.expect !== 'end') {
      this.fail(`expected ${this.expected()} but found the end of the file`, this.offset);
    }
    return this.result;
  }

  /** Keeps the token starting at `i`, cut by the end of the piece, for the next piece. */
  private carry(kind: 'string' | 'number' | 'literal', text: string, i: number): void {
    this.pendingKind = kind;
    this.pending = text.slice(i);
    this.pendingAt = this.offset + i;
    this.offset += text.length;
  }

  /** Finishes the token cut at the end of the last piece; returns where the rest begins. */
  private resume(text: string): number {
    const kind = this.pendingKind!;
    let end: number;
    if (kind === 'string') {
      end = this.stringEnd(text, 0);
      if (end < 0) {
        this.pending += text;
        return text.length;
      }
      end++;
    } else {
      const test = kind === 'number' ? isNumberChar : isLetter;
      end = 0;
      while (end < text.length && test(text.charCodeAt(end))) end++;
      if (end === text.length) {
        this.pending += text;
        return end;
      }
    }
    const token = this.pending + text.slice(0, end);
    this.pendingKind = undefined;
    this.pending = '';
    if (kind === 'string') this.string(token, this.pendingAt);
    else if (kind === 'number') this.number(token, this.pendingAt);
    else this.literal(token, this.pendingAt);
    return end;
  }

  /** The index of the closing quote of a string whose text starts at `from`, or -1. */
  private stringEnd(text: string, from: number): number {
    let escaped = this.pendingKind === 'string' ? this.escaped : false;
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) {
        this.escaped = false;
        return i;
      }
    }
    this.escaped = escaped;
    return -1;
  }

  private string(token: string, at: number): void {
    let value: string;
    try {
      // The token is a whole JSON string: JSON.parse checks its escapes and control characters.
      value = JSON.parse(token) as string;
    } catch {
      const bad = [...token].find((char) => char.charCodeAt(0) < 0x20);
      this.fail(
        bad
          ? `a string holds the control character ${shown(bad)}, which JSON writes as an escape`
          : 'a string holds a backslash escape JSON does not know',
        at,
      );
    }
    if (this.expect === 'key' || this.expect === 'first key') {
      (this.stack.at(-1) as Extract<Frame, { kind: 'object' }>).key = value;
      this.expect = 'colon';
      return;
    }
    this.value(value, at);
  }

  private number(token: string, at: number): void {
    if (!NUMBER.test(token)) this.fail(`${JSON.stringify(token)} is not a JSON number`, at);
    this.value(Number(token), at);
  }

  private literal(token: string, at: number): void {
    if (token === 'true') this.value(true, at);
    else if (token === 'false') this.value(false, at);
    else if (token === 'null') this.value(null, at);
    else this.fail(`expected ${this.expected()} but found ${JSON.stringify(token)}`, at);
  }

  private punctuation(char: string, at: number): void {
    const frame = this.stack.at(-1);
    switch (char) {
      case '[':
      case '{': {
        const container: Frame =
          char === '['
            ? { kind: 'array', value: [] }
            : { kind: 'object', value: {}, key: undefined };
        this.value(container.value, at);
        this.stack.push(container);
        this.expect = char === '[' ? 'first value' : 'first key';
        return;
      }
      case ']':
      case '}': {
        const opens = char === ']' ? 'array' : 'object';
        const closable =
          frame?.kind === opens &&
          (this.expect === 'after value' ||
            this.expect === (opens === 'array' ? 'first value' : 'first key'));
        if (!closable) break;
        this.stack.pop();
        this.expect = this.stack.length === 0 ? 'end' : 'after value';
        return;
      }
      case ',':
        if (this.expect !== 'after value') break;
        this.expect = frame!.kind === 'array' ? 'value' : 'key';
        return;
      case ':':
        if (this.expect !== 'colon') break;
        this.expect = 'value';
        return;
    }
    this.fail(`expected ${this.expected()} but found ${shown(char)}`, at);
  }

  /** Puts a finished value where it belongs: the top level, an array, or an object's key. */
  private value(value: unknown, at: number): void {
    if (this.expect !== 'value' && this.expect !== 'first value') {
      this.fail(`expected ${this.expected()} but found a value`, at);
    }
    const frame = this.stack.at(-1);
    if (!frame) this.result = value;
    else if (frame.kind === 'array') frame.value.push(value);
    else if (frame.key === '__proto__') {
      // As JSON.parse: an own property, not the object's prototype.
      Object.defineProperty(frame.value, '__proto__', {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else frame.value[frame.key!] = value;
    this.expect = frame ? 'after value' : 'end';
  }

  private expected(): string {
    const closing = this.stack.at(-1)?.kind === 'array' ? '"]"' : '"}"';
    switch (this.expect) {
      case 'value':
        return 'a value';
      case 'first value':
        return 'a value or "]"';
      case 'key':
        return 'a name in quotes';
      case 'first key':
        return 'a name in quotes or "}"';
      case 'colon':
        return '":"';
      case 'after value':
        return `"," or ${closing}`;
      case 'end':
        return 'nothing more';
    }
  }

  private newLine(index: number): void {
    this.line++;
    this.lineStart = this.offset + index + 1;
  }

  /** Throws `what` at `at` characters from the start of the text. */
  private fail(what: string, at: number): never {
    const column = at - this.lineStart + 1;
    throw new JsonSyntaxError(`not valid JSON: line ${this.line}, column ${column}: ${what}`);
  }
}
