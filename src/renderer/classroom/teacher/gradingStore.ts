import { createStore } from 'zustand/vanilla';
import { parseProjectText } from '../../../shared/parseProject';
import type { Assignment, DatasetRef, Project } from '../../../shared/project';
import type { OpenedFile } from '../../platform/platform';
import {
  dataFrom,
  type GradedHandIn,
  type GradingAssignment,
  type GradingDeps,
  type GradingEngine,
  gradeHandInFile,
} from './handInGrading';

/** A hand-in in the teacher view: waiting its turn, re-training, or graded. */
export interface HandInRow {
  readonly file: string;
  readonly state: 'waiting' | 'training' | 'graded';
  readonly graded?: GradedHandIn;
}

/** The open project as grading reads it: its assignment, if it has one, and its settings. */
export type OpenProject = Pick<Project, 'assignment' | 'dataset' | 'training'>;

export interface GradingState {
  /** What hand-ins are graded against; undefined until there is an assignment. */
  against: GradingAssignment | undefined;
  /** Why the chosen assignment file cannot be used. */
  againstError: string | undefined;
  rows: readonly HandInRow[];
  /** "Re-training 2 of 5: ana.layerboard.json (epoch 3 of 10)" while grading. */
  progress: string | undefined;
  busy: boolean;
  /** The row whose graph and settings show. */
  selected: number | undefined;
  /** The hand-in files last chosen, for Grade again. */
  files: readonly HandInFile[];
  /** Data files the teacher added in the view, by name: hand-ins on imported data read them. */
  dataFiles: ReadonlyMap<string, Blob>;
  addDataFiles(files: readonly Pick<OpenedFile, 'name' | 'bytes'>[]): Promise<void>;
  /** Grades against the open project's assignment (none: undefined). */
  gradeAgainstOpenProject(project: OpenProject): void;
  chooseAssignment(file: Pick<OpenedFile, 'name' | 'text'>): Promise<void>;
  /** Reads, re-trains and grades `files` one after another; why not, when it cannot start. */
  grade(files: readonly HandInFile[]): Promise<string | undefined>;
  /** Stops grading: the hand-in re-training and those after it are left out. */
  stop(): void;
  select(index: number | undefined): void;
}

/** Where the assignment comes from when it is the open project's, as the view says it. */
export const OPEN_PROJECT = 'the open project';

/** A hand-in file as grading reads it. */
export type HandInFile = Pick<OpenedFile, 'name' | 'text'>;

/** An engine of the view's own, stopped when grading ends. */
export type OwnEngine = GradingEngine & { terminate(): void };

export interface GradingStoreDeps {
  /** A worker of the view's own: the app's run state (its charts, its last run's samples) stays. */
  readonly startEngine: () => OwnEngine;
  readonly datasetsUrl: () => string;
  /** The app's files of an imported dataset (besides those added in the view). */
  readonly findData: GradingDeps['findData'];
  /** Why grading cannot start now (the app's own run trains), or undefined. */
  readonly blocked: () => string | undefined;
}

const assignmentFrom = (
  from: string,
  assignment: Assignment,
  project: OpenProject,
): GradingAssignment => ({
  from,
  assignment,
  project: { dataset: project.dataset, training: project.training },
});

/** The teacher view's state: the assignment, the hand-ins and their grades, the progress. */
export function createGradingStore(deps: GradingStoreDeps) {
  let session = 0;
  let engine: OwnEngine | undefined;
  return createStore<GradingState>()((set, get) => {
    const setRow = (index: number, row: HandInRow) =>
      set({ rows: get().rows.map((r, i) => (i === index ? row : r)) });
    return {
      against: undefined,
      againstError: undefined,
      rows: [],
      progress: undefined,
      busy: false,
      selected: undefined,
      files: [],
      dataFiles: new Map(),
      addDataFiles: async (files) => {
        const added = new Map(get().dataFiles);
        for (const file of files)
          added.set(file.name, new Blob([(await file.bytes()) as BlobPart]));
        set({ dataFiles: added });
      },
      gradeAgainstOpenProject: (project) =>
        set({
          against: project.assignment
            ? assignmentFrom(OPEN_PROJECT, project.assignment, project)
            : undefined,
          againstError: undefined,
        }),
      chooseAssignment: async (file) => {
        const parsed = parseProjectText(await file.text());
        if (!parsed.ok) {
          set({ againstError: `${file.name} cannot be read: ${parsed.error}.` });
          return;
        }
        const { assignment } = parsed.value;
        if (!assignment) {
          set({
            againstError: `${file.name} is a project without an assignment: open it and use Save as assignment first.`,
          });
          return;
        }
        set({
          against: assignmentFrom(file.name, assignment, parsed.value),
          againstError: undefined,
        });
      },
      grade: async (files) => {
        const against = get().against;
        if (!against) return 'Choose the assignment first.';
        if (get().busy) return 'Hand-ins are being graded: wait, or press Stop.';
        const why = deps.blocked();
        if (why) return why;
        const mine = ++session;
        const own = deps.startEngine();
        engine = own;
        set({
          files,
          rows: files.map((f) => ({ file: f.name, state: 'waiting' })),
          busy: true,
          selected: undefined,
        });
        const findData = async (ref: DatasetRef) => {
          const found = await deps.findData(ref);
          for (const [path, blob] of dataFrom(ref, get().dataFiles)) {
            if (!found.has(path)) found.set(path, blob);
          }
          return found;
        };
        const datasetsUrl = deps.datasetsUrl();
        try {
          for (const [index, file] of files.entries()) {
            if (session !== mine) break;
            const step = `Re-training ${index + 1} of ${files.length}: ${file.name}`;
            set({ progress: step });
            setRow(index, { file: file.name, state: 'training' });
            const graded = await gradeHandInFile(file.name, await file.text(), against, {
              engine: own,
              datasetsUrl,
              findData,
              onEpoch: (epoch, epochs) => {
                if (session === mine) set({ progress: `${step} (epoch ${epoch} of ${epochs})` });
              },
            });
            if (session !== mine) break;
            setRow(index, { file: file.name, state: 'graded', graded });
          }
        } finally {
          own.terminate();
          if (session === mine) {
            engine = undefined;
            set({ busy: false, progress: undefined });
          }
        }
        return undefined;
      },
      stop: () => {
        if (!get().busy) return;
        session++;
        engine?.terminate();
        engine = undefined;
        set({
          busy: false,
          progress: undefined,
          rows: get().rows.filter((row) => row.state === 'graded'),
        });
      },
      select: (selected) => set({ selected }),
    };
  });
}

export type GradingStore = ReturnType<typeof createGradingStore>;
