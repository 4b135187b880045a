import type { StoreApi } from 'zustand/vanilla';
import type { DatasetDescription, Task } from '../../engine';
import type { MissingPolicy } from '../../shared/project';
import type { FileKeeper, KeptFile } from '../project/keptFiles';
import type { ColumnRole, CsvDraft } from './csvDraft';
import type { FolderDraft, FolderOptions } from './folderDraft';
import type { IdxDraft } from './idxDraft';
import type { DataEngine } from './latestRequest';
import type { ProjectState } from './projectStore';

// The dataset store's state and dependencies, apart from the store (datasetStore.ts) and the parts
// it is made of (datasetDraft.ts, datasetRequests.ts, projectData.ts), which all read them.

/** What the user imported and is looking at: not the project's dataset until committed. */
export type Draft = CsvDraft | IdxDraft | FolderDraft;

/** Work under way in the worker, for the progress bar. */
export interface Progress {
  readonly label: string;
  readonly read: number;
  /** Bytes in all, when known. */
  readonly total?: number;
}

export interface DataError {
  readonly message: string;
  /** True when it stopped an import: the project's dataset stayed as it was. */
  readonly projectUnchanged: boolean;
}

export interface DatasetState {
  draft: Draft | undefined;
  /** The project's dataset, read and described by the worker... */
  description: DatasetDescription | undefined;
  /** ...and which dataset that is (`refKey` of its ref). */
  describedRef: string | undefined;
  progress: Progress | undefined;
  /** The last problem, in the engine's words (file, row, column, what to do). */
  error: DataError | undefined;
  /**
   * Files of the project's dataset by the name its ref gives them, kept in memory since the
   * import: what training passes as `browserFiles({ imports })`.
   */
  imports: ReadonlyMap<string, Blob>;
  /** The project's imported CSV file (or IDX images file); undefined for a built-in. */
  file: Blob | undefined;
  /** The project's files that `loadProjectData` could not read, the last time it tried. */
  unread: readonly UnreadFile[];
  /** Imported files kept in the browser's storage, as last listed. */
  kept: readonly KeptFile[];
  /**
   * Reads files the user picked or dropped (`paths[i]` is where `files[i]` is on disk, when the
   * platform knows): a file the project's dataset names and lacks is used as that file at once;
   * others go into the draft (a CSV, or one or both IDX files).
   */
  importFiles(files: readonly File[], paths?: readonly (string | undefined)[]): Promise<void>;
  /**
   * Reads a folder the user picked or dropped (`files` by their paths under it, such as
   * `boot/001.png`): the project's own folder when it names this one and lacks it, else a draft.
   */
  importFolder(name: string, files: readonly FolderFile[]): Promise<void>;
  /** Changes how the folder draft is read (size, channels, test split), and reads it again. */
  setFolderOptions(changes: Partial<FolderOptions>): Promise<void>;
  /**
   * Loads the project's dataset files that are not in `imports` yet, from the files kept in the
   * browser's storage, else reading them by path with `read` where the platform can (Electron),
   * and describes the dataset once all are there: the Input node takes its shape as after an import.
   */
  loadProjectData(read?: ReadPath): Promise<void>;
  /** Lists the files kept in the browser's storage again (`kept`). */
  listKept(): Promise<void>;
  /** Removes a kept file from the browser's storage (the project's data in memory stays). */
  forgetKept(path: string): Promise<void>;
  forgetAllKept(): Promise<void>;
  /** Opens the project's CSV again as a draft, with the roles the project gives its columns. */
  editColumns(): Promise<void>;
  setRole(column: string, role: ColumnRole): void;
  setTask(task: Task): void;
  /** What the draft does with missing cells (drop the rows, fill in the mean, or refuse them). */
  setMissing(policy: MissingPolicy): void;
  /** The draft's share of rows kept apart as the test split. */
  setTestSplit(fraction: number): void;
  /** Makes a checked draft the project's dataset; a bad one leaves the project as it was. */
  commit(): Promise<void>;
  /** Drops the draft, and stops the worker reading for it. */
  discard(): void;
  dismissError(): void;
  /** Describes the project's dataset, unless that is already done or under way. */
  describeProject(): Promise<void>;
}

export interface DatasetStoreDeps {
  readonly project: StoreApi<ProjectState>;
  readonly engine: () => DataEngine;
  /** The built-in datasets' folder URL, as the worker must fetch it. */
  readonly datasetsUrl: () => string;
  /** Where imported files are kept between sessions (the browser's storage); none: not kept. */
  readonly keeper?: FileKeeper;
}

/** A file of the project's dataset that could not be read from disk: where, and why. */
export interface UnreadFile {
  readonly path: string;
  /** Main's words: `/p/data.csv does not exist`. */
  readonly reason: string;
}

/** A file of a folder the user picked or dropped, by its path under the folder. */
export interface FolderFile {
  readonly path: string;
  readonly file: Blob;
}

/** Reads a file by its absolute path (in the desktop app, Electron's main process does). */
export type ReadPath = (path: string) => Promise<Blob>;
