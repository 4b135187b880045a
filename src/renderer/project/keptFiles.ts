import { clear, createStore, del, entries, get, set } from 'idb-keyval';

/** An imported data file kept in the browser's storage: where the project names it, its size. */
export interface KeptFile {
  readonly path: string;
  readonly size: number;
  /** When it was kept, in milliseconds since 1970. */
  readonly keptAt: number;
}

/**
 * Imported data files kept in the browser's storage (IndexedDB), by the path the project names
 * them by, so that a reload or a reopened project finds its data without another import. Every
 * method resolves, storage or not: a browser that keeps nothing (a private window, storage full or
 * refused) makes `keep` answer false and the rest find nothing.
 */
export interface FileKeeper {
  /** Keeps `blob` as `path` (replacing what was kept so); false when the browser would not. */
  keep(path: string, blob: Blob): Promise<boolean>;
  find(path: string): Promise<Blob | undefined>;
  /** The files kept under a folder (`path/...`, an imported image folder's), by their paths. */
  findUnder(folder: string): Promise<Map<string, Blob>>;
  list(): Promise<KeptFile[]>;
  forget(path: string): Promise<void>;
  forgetAll(): Promise<void>;
}

interface Entry {
  readonly blob: Blob;
  readonly keptAt: number;
}

const isEntry = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && (value as Entry).blob instanceof Blob;

/** The keeper over IndexedDB (idb-keyval), in a database of its own. */
export function browserKeeper(): FileKeeper {
  let store: ReturnType<typeof createStore> | undefined;
  const open = () => {
    store ??= createStore('layerboard-files', 'files');
    return store;
  };
  const quietly = async <T>(work: () => Promise<T>, otherwise: T): Promise<T> => {
    try {
      return await work();
    } catch {
      return otherwise;
    }
  };
  return {
    keep: (path, blob) =>
      quietly(async () => {
        await set(path, { blob, keptAt: Date.now() } satisfies Entry, open());
        return true;
      }, false),
    find: (path) =>
      quietly(async () => {
        const value: unknown = await get(path, open());
        return isEntry(value) ? value.blob : undefined;
      }, undefined),
    findUnder: (folder) =>
      quietly(async () => {
        const prefix = `${folder}/`;
        const all = await entries<IDBValidKey, unknown>(open());
        return new Map(
          all.flatMap(([key, value]) =>
            typeof key === 'string' && key.startsWith(prefix) && isEntry(value)
              ? [[key, value.blob] as const]
              : [],
          ),
        );
      }, new Map<string, Blob>()),
    list: () =>
      quietly(async () => {
        const all = await entries<IDBValidKey, unknown>(open());
        return all.flatMap(([key, value]) =>
          typeof key === 'string' && isEntry(value)
            ? [{ path: key, size: value.blob.size, keptAt: value.keptAt }]
            : [],
        );
      }, []),
    forget: (path) => quietly(() => del(path, open()), undefined),
    forgetAll: () => quietly(() => clear(open()), undefined),
  };
}
