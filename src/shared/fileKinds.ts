/** What the app can open from a file dropped on it or named on its command line. */
export type FileKind = 'project' | 'csv' | 'idx' | 'zip';

/**
 * The kind of file a name suggests: `*.layerboard.json` (or any `.json`: the project parser says
 * clearly when it is not a project), `*.csv` (or `.tsv`, `.txt`), or an MNIST-style IDX file such as
 * `train-images-idx3-ubyte.gz` or `labels.idx1-ubyte`, or a `.zip` (of an image folder).
 */
export function fileKind(name: string): FileKind | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'project';
  // Tab-separated and plain-text tables go the CSV way: the reader detects the delimiter.
  if (/\.(csv|tsv|txt)$/.test(lower)) return 'csv';
  if (/idx[1-4]-ubyte(\.gz)?$/.test(lower) || /\.idx(\.gz)?$/.test(lower)) return 'idx';
  if (lower.endsWith('.zip')) return 'zip';
  return undefined;
}

/** The name of a file from its path, on Windows or POSIX. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
