import type { TemporalState } from 'zundo';
import type { StoreApi } from 'zustand/vanilla';
import {
  type HandInRun,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  type Project,
} from '../../shared/project';
import type { FileFilter, Platform } from '../platform/platform';
import { toProjectGraph } from '../stores/flowGraph';
import type { GraphState } from '../stores/graphStore';
import type { ProjectFile, ProjectState } from '../stores/projectStore';
import { mapDataPaths, relativeDataPath, resolveDataPath } from './dataPaths';

export interface DocumentStores {
  graph: StoreApi<GraphState> & { temporal: StoreApi<TemporalState<GraphState>> };
  project: StoreApi<ProjectState>;
}

/**
 * The project as a file at `projectPath` holds it: data paths relative to that file's folder
 * where the data sits in it, else absolute (undefined: no place known, so all stay absolute).
 */
function projectAt({ graph, project }: DocumentStores, projectPath: string | undefined): Project {
  const g = graph.getState();
  const p = project.getState();
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: p.name,
    graph: toProjectGraph(g.nodes, g.edges),
    dataset: mapDataPaths(p.dataset, (path) => relativeDataPath(path, projectPath)),
    training: p.training,
    ...(p.weights ? { weights: p.weights } : {}),
    ...(p.assignment ? { assignment: p.assignment } : {}),
    ...(p.handIn ? { run: p.handIn } : {}),
    ...(p.runs.length > 0 ? { runs: [...p.runs] } : {}),
  };
}

const textOf = (project: Project) => `${JSON.stringify(project, null, 2)}\n`;

/** The project as its file holds it (docs/DESIGN.md, "Project file"), where it was last saved. */
export function currentProject(stores: DocumentStores): Project {
  return projectAt(stores, stores.project.getState().file?.path);
}

export function projectText(stores: DocumentStores): string {
  return textOf(currentProject(stores));
}

/**
 * A hand-in's text: the project with the claim of its run, without its run history. Data paths
 * are absolute, as no folder is known for a file the student may save anywhere (the teacher's
 * grading matches the assignment's data by file name).
 */
export function handInText(stores: DocumentStores, run: HandInRun): string {
  const { runs: _, ...project } = projectAt(stores, undefined);
  return textOf({ ...project, run });
}

/**
 * The project's text as "unsaved changes" compare it: without its run history, a record of
 * what happened (kept by autosave, saved with the next Save) rather than work a close would lose.
 */
export function workText(stores: DocumentStores): string {
  const { runs: _, ...work } = currentProject(stores);
  return textOf(work);
}

/**
 * Replaces what is open by `project`; its history starts afresh (undo does not cross files). A
 * file's relative data paths are taken from its folder, so the data is found wherever the
 * project is saved next.
 */
export function openProject(stores: DocumentStores, project: Project, file?: ProjectFile): void {
  const path = file?.path;
  const dataset = mapDataPaths(project.dataset, (p) => resolveDataPath(p, path) ?? p);
  stores.graph.getState().load(project.graph);
  stores.graph.temporal.getState().clear();
  stores.project.getState().load({ ...project, dataset }, file);
  stores.project.getState().markSaved(workText(stores));
}

/** A copy of the project saved under another name, such as an assignment file. */
export interface ProjectCopy {
  readonly suggestedName: string;
}

/**
 * Saves the project (over its file, unless `askWhere`); what the platform answers, or undefined
 * when the user cancels. Data paths are relative to the project's folder. When a dialog chooses
 * the folder it is known only once the file is written: that first write has the paths absolute,
 * which any folder reads, and a second, over the same file, makes them relative.
 * A `copy` is always saved where the user says, without the run history (a record of the
 * teacher's own runs, not part of what students get), and the open project stays tied to its
 * own file, with its unsaved changes as they were.
 */
export async function saveProject(
  stores: DocumentStores,
  platform: Pick<Platform, 'saveFile'>,
  {
    title,
    filters,
    askWhere,
    copy,
  }: { title: string; filters: FileFilter[]; askWhere: boolean; copy?: ProjectCopy },
): Promise<{ name: string; path?: string } | undefined> {
  const { name, file } = stores.project.getState();
  const suggestedName = copy?.suggestedName ?? file?.name ?? projectFileName(name);
  const request = { title, suggestedName, filters };
  const known = askWhere || copy ? undefined : file?.path;
  const textAt = (path: string | undefined) => {
    const project = projectAt(stores, path);
    if (!copy) return textOf(project);
    const { runs: _, ...withoutRuns } = project;
    return textOf(withoutRuns);
  };
  const first = textAt(known);
  let saved = await platform.saveFile({
    ...request,
    data: first,
    ...(known ? { path: known } : {}),
  });
  if (!saved) return undefined;
  const at = saved.path;
  const settled = at && at !== known ? textAt(at) : first;
  if (at && settled !== first) {
    saved = (await platform.saveFile({ ...request, data: settled, path: at })) ?? saved;
  }
  if (copy) return saved;
  stores.project.getState().setFile(saved);
  stores.project.getState().markSaved(workText(stores));
  return saved;
}

/**
 * True when the open project differs from what it was last opened, started or saved as: changes
 * that no file (or template) holds.
 */
export function hasUnsavedChanges(stores: DocumentStores): boolean {
  return stores.project.getState().savedText !== workText(stores);
}

/**
 * Asks before replacing a project with unsaved changes; true when it may be replaced.
 * (`confirm` is a native dialog in both the browser and Electron.)
 */
export function mayReplace(stores: DocumentStores): boolean {
  if (!hasUnsavedChanges(stores)) return true;
  const name = stores.project.getState().name;
  return window.confirm(
    `Replace "${name}"? Its unsaved changes will be lost. Choose Cancel, then Save, to keep them.`,
  );
}

/** `crop yields.layerboard.json` from a project name, safe on every file system. */
export function projectFileName(name: string): string {
  const base =
    name
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'project';
  return `${base}.layerboard.json`;
}
