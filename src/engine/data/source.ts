import { InputError } from '../errors';

/**
 * A file's bytes, read in order chunk by chunk, so that a large file never has to sit whole in
 * memory as text. The same readers serve a string, a browser `Blob`/`File` and a Node file
 * (`nodeFileSource` in nodeFiles.node.ts).
 */
export interface DataSource {
  /** What messages call the file: its name or path as the user knows it. */
  readonly name: string;
  /** The bytes in order. A missing or unreadable file throws an InputError. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** What a folder holds: a path relative to it (`/`-separated), a file or a folder. */
export interface FolderEntry {
  readonly path: string;
  readonly kind: 'file' | 'folder';
}

/**
 * Where a project's data files come from: the Node loader reads the disk, the app fetches the
 * built-ins and takes imported files from the user.
 */
export interface DataFiles {
  /** A file the project names by path (a relative path is relative to the project file). */
  open(path: string): DataSource;
  /**
   * Everything under a folder the project names, at any depth (an image folder dataset); each
   * file is then opened as `open(path + "/" + entry.path)`. A missing folder is an InputError.
   */
  list(path: string): Promise<readonly FolderEntry[]>;
  /** A file of the built-in datasets, such as `fashion-mnist/train-images-idx3-ubyte.gz`. */
  builtin(file: string): DataSource;
}

/** Characters per chunk when a string is read as a source. */
const STRING_CHUNK = 1 << 20;

/**
 * A string as a source (UTF-8), in chunks that never split a surrogate pair.
 *
 * @example
 * await previewCsv(textSource('pasted.csv', 'x,y\n1,2\n'));
 */
export function textSource(name: string, text: string): DataSource {
  return {
    name,
    async *chunks() {
      const encoder = new TextEncoder();
      for (let start = 0; start < text.length; ) {
        let end = Math.min(text.length, start + STRING_CHUNK);
        const last = text.charCodeAt(end - 1);
        if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
        yield encoder.encode(text.slice(start, end));
        start = end;
      }
    },
  };
}

/** Bytes already in memory as a source. */
export function bytesSource(name: string, bytes: Uint8Array): DataSource {
  return {
    name,
    async *chunks() {
      for (let start = 0; start < bytes.length; start += STRING_CHUNK) {
        yield bytes.subarray(start, start + STRING_CHUNK);
      }
    },
  };
}

/**
 * A `Blob` or `File` (a file the user picked or dropped) as a source, streamed with
 * `Blob.stream()`, which works in a worker and in Node.
 */
export function blobSource(blob: Blob, name?: string): DataSource {
  const fileName = name ?? ('name' in blob && typeof blob.name === 'string' ? blob.name : 'file');
  return {
    name: fileName,
    async *chunks() {
      yield* readStream(blob.stream(), fileName);
    },
  };
}

/** The chunks of a web `ReadableStream` (a Blob's or a fetch body), with a reader for Safari's sake. */
export async function* readStream(
  stream: ReadableStream<Uint8Array>,
  name: string,
): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      let result: Awaited<ReturnType<typeof reader.read>>;
      try {
        result = await reader.read();
      } catch (err) {
        throw new InputError(
          `could not read "${name}" (${(err as Error).message}): check that the file still exists and choose it again`,
        );
      }
      if (result.done) return;
      yield result.value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * The same source, reporting the bytes read so far after each chunk: the app's progress bar for a
 * large file (`File.size` is the total).
 *
 * @example
 * const source = withProgress(blobSource(file), (read) => post({ type: 'progress', read, total: file.size }));
 */
export function withProgress(source: DataSource, onBytes: (read: number) => void): DataSource {
  return {
    name: source.name,
    async *chunks() {
      let read = 0;
      for await (const chunk of source.chunks()) {
        read += chunk.length;
        onBytes(read);
        yield chunk;
      }
    },
  };
}
