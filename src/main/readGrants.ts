import { dirname, resolve } from 'node:path';
import { baseName, fileKind } from '../shared/fileKinds';
import { READ_REFUSED } from '../shared/ipc';
import { parseProjectText } from '../shared/parseProject';
import type { DatasetRef } from '../shared/project';

/**
 * Which files main reads for the renderer. The renderer is treated as untrusted (Electron's
 * security checklist): were it compromised, it must not read ~/.ssh/id_rsa by naming it. So main
 * reads only what the user gave the app: files chosen in a dialog or handed over by the OS, the
 * projects of File > Open Recent (each was chosen once), and the data files a project names once
 * main has read that project (opening a project is choosing its data).
 */

/** Where the sources of grants live: index.ts keeps them, the IPC handlers consult them. */
export interface GrantSources {
  /** Paths chosen in an open or save dialog, or handed over by the OS (Save uses them too). */
  readonly chosen: ReadonlySet<string>;
  /** File > Open Recent's projects. */
  readonly recent: () => readonly string[];
  /** Reads a file from disk (fileIo's readUserFile; a stand-in in tests). */
  readonly read: (path: string) => Promise<Uint8Array>;
}

export interface ReadGrants {
  /** Whether the renderer may read `path` now. */
  mayRead(path: string): boolean;
  /** Reads `path` for the renderer, or throws `refusedReadMessage` when it is not granted. */
  readFile(path: string): Promise<Uint8Array>;
  /** Main wrote `data` to `path` for the renderer (Save). */
  wrote(path: string, data: string | Uint8Array): void;
}

function dataFiles(ref: DatasetRef): string[] {
  if (ref.source === 'csv') return [ref.path];
  if (ref.source === 'idx') return [ref.images, ref.labels];
  return [];
}

/**
 * The data files of the project in `data`, at `projectPath`: absolute, a relative one taken from
 * the project file's folder (docs/DESIGN.md, "Project file"). None when it is not a project,
 * which a name other than `.json` says before its bytes are decoded (IDX files are large).
 */
export function projectDataPaths(projectPath: string, data: string | Uint8Array): string[] {
  if (fileKind(projectPath) !== 'project') return [];
  const parsed = parseProjectText(typeof data === 'string' ? data : new TextDecoder().decode(data));
  if (!parsed.ok) return [];
  return dataFiles(parsed.value.dataset).map((path) => resolve(dirname(projectPath), path));
}

/**
 * Why a read was refused, and what to do, in words the renderer shows as they are. It starts with
 * the path as main's other read errors do (`/p/farms.csv does not exist`), which the dataset
 * panel's missing-file notice drops after its own "Looked at /p/farms.csv:".
 */
export function refusedReadMessage(path: string): string {
  const name = baseName(path);
  const remedy =
    fileKind(name) === 'project'
      ? `open ${name} again (File > Open…)`
      : `import ${name} again (File > Import dataset…)`;
  return `${path} ${READ_REFUSED}, and Layerboard reads only those: ${remedy}`;
}

export function createReadGrants(sources: GrantSources): ReadGrants {
  /** Data files named by the projects main read. */
  const data = new Set<string>();
  /**
   * The projects main wrote this session, each with the data files it may grant: only those the
   * renderer could read when it saved. Else a compromised renderer could save a project naming
   * ~/.ssh/id_rsa over the open one (Save needs no dialog there) and read it back.
   */
  const written = new Map<string, ReadonlySet<string>>();

  const mayRead = (path: string) => {
    const key = resolve(path);
    return sources.chosen.has(key) || sources.recent().includes(key) || data.has(key);
  };

  const learn = (path: string, bytes: Uint8Array) => {
    const allowed = written.get(resolve(path));
    for (const file of projectDataPaths(path, bytes)) {
      if (!allowed || allowed.has(file)) data.add(file);
    }
  };

  /** Recent projects already read for their data: each is read once, not at every refusal. */
  const looked = new Set<string>();

  /**
   * The data of the recent projects. A project brought back by the autosave after a restart
   * names its data, but its file is not read again: reading it now grants what Open Recent would.
   */
  async function learnFromRecent(): Promise<void> {
    for (const project of sources.recent()) {
      if (looked.has(project)) continue;
      looked.add(project);
      const bytes = await sources.read(project).catch(() => undefined);
      if (bytes) learn(project, bytes);
    }
  }

  return {
    mayRead,
    async readFile(path) {
      if (!mayRead(path)) await learnFromRecent();
      if (!mayRead(path)) throw new Error(refusedReadMessage(path));
      // The path as checked: `/p/x/../a.csv` is read as `/p/a.csv`, whatever `x` links to.
      const bytes = await sources.read(resolve(path));
      learn(path, bytes);
      return bytes;
    },
    wrote(path, contents) {
      written.set(resolve(path), new Set(projectDataPaths(path, contents).filter(mayRead)));
    },
  };
}
