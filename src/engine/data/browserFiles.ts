import { InputError } from '../errors';
import {
  blobSource,
  type DataFiles,
  type DataSource,
  type FolderEntry,
  readStream,
} from './source';

/** Where the app finds data: the built-ins it serves, and the files the user imported. */
export interface BrowserFilesOptions {
  /**
   * The URL of the built-in datasets folder, `./datasets/` relative to the page (the app serves
   * `resources/` as its public folder). A worker must be told it: relative to the worker's own
   * script it would point elsewhere.
   */
  readonly datasetsUrl: string;
  /**
   * Files the user picked or dropped, by the name the project gives them; a folder's files by
   * their path under it (`animals/cat/1.png`, a browser's `webkitRelativePath`).
   */
  readonly imports?: ReadonlyMap<string, Blob>;
  /** `fetch`, replaceable for tests. */
  readonly fetch?: typeof fetch;
}

const basename = (path: string) => path.split(/[\\/]/).pop() || path;

/**
 * The app's data files: built-ins fetched (streaming) from `datasetsUrl`, project files from the
 * user's imports (matched by path, then by file name, since a project saved on another machine
 * keeps that machine's folders).
 */
export function browserFiles(options: BrowserFilesOptions): DataFiles {
  const doFetch = options.fetch ?? ((url: string) => fetch(url));
  const base = options.datasetsUrl.endsWith('/') ? options.datasetsUrl : `${options.datasetsUrl}/`;
  const imports = options.imports ?? new Map<string, Blob>();
  return {
    open(path): DataSource {
      const blob = imports.get(path) ?? imports.get(basename(path));
      if (blob) return blobSource(blob, path);
      return {
        name: path,
        // biome-ignore lint/correctness/useYield: the file is missing, so there is nothing to yield.
        async *chunks() {
          throw new InputError(
            `the project reads "${path}", which is not loaded in the app. Import the file again (the Import button, or drop it on the window)`,
          );
        },
      };
    },
    async list(path): Promise<readonly FolderEntry[]> {
      const entries = folderEntries(imports, path);
      if (entries) return entries;
      throw new InputError(
        `the project reads the folder "${path}", which is not loaded in the app. Import the folder again (the Import folder button, or drop it on the window)`,
      );
    },
    builtin(file): DataSource {
      return {
        name: file,
        async *chunks() {
          const url = new URL(file, base).href;
          let response: Response;
          try {
            response = await doFetch(url);
          } catch (err) {
            throw builtinMissing(file, (err as Error).message);
          }
          if (!response.ok || !response.body) throw builtinMissing(file, `HTTP ${response.status}`);
          yield* readStream(response.body, file);
        },
      };
    },
  };
}

/**
 * The files imported under `folder` and the folders they are in, relative to it; undefined when
 * none is. A browser hands over a folder's files only, so an empty folder is not seen.
 */
function folderEntries(
  imports: ReadonlyMap<string, Blob>,
  folder: string,
): FolderEntry[] | undefined {
  const prefix = `${folder}/`;
  const files = [...imports.keys()]
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
  if (files.length === 0) return undefined;
  const folders = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    for (let depth = 1; depth < parts.length; depth++) folders.add(parts.slice(0, depth).join('/'));
  }
  return [
    ...[...folders].map((path): FolderEntry => ({ path, kind: 'folder' })),
    ...files.map((path): FolderEntry => ({ path, kind: 'file' })),
  ];
}

function builtinMissing(file: string, why: string): InputError {
  return new InputError(
    `cannot load the built-in dataset file "${file}" (${why}). Reload the app; if it persists, reinstall Layerboard`,
  );
}
