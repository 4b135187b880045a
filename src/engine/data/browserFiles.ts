import { InputError } from '../errors';
import { blobSource, type DataFiles, type DataSource, readStream } from './source';

/** Where the app finds data: the built-ins it serves, and the files the user imported. */
export interface BrowserFilesOptions {
  /**
   * The URL of the built-in datasets folder, `./datasets/` relative to the page (the app serves
   * `resources/` as its public folder). A worker must be told it: relative to the worker's own
   * script it would point elsewhere.
   */
  readonly datasetsUrl: string;
  /** Files the user picked or dropped, by the name the project gives them. */
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

function builtinMissing(file: string, why: string): InputError {
  return new InputError(
    `cannot load the built-in dataset file "${file}" (${why}). Reload the app; if it persists, reinstall Layerboard`,
  );
}
