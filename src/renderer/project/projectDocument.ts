import type { TemporalState } from 'zundo';
import type { StoreApi } from 'zustand/vanilla';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project } from '../../shared/project';
import { toProjectGraph } from '../stores/graphConvert';
import type { GraphState } from '../stores/graphStore';
import type { ProjectFile, ProjectState } from '../stores/projectStore';

export interface DocumentStores {
  graph: StoreApi<GraphState> & { temporal: StoreApi<TemporalState<GraphState>> };
  project: StoreApi<ProjectState>;
}

/** The project as its file holds it (docs/DESIGN.md, "Project file"). */
export function currentProject({ graph, project }: DocumentStores): Project {
  const g = graph.getState();
  const p = project.getState();
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: p.name,
    graph: toProjectGraph(g.nodes, g.edges),
    dataset: p.dataset,
    training: p.training,
    ...(p.weights ? { weights: p.weights } : {}),
  };
}

export function projectText(stores: DocumentStores): string {
  return `${JSON.stringify(currentProject(stores), null, 2)}\n`;
}

/** Replaces what is open by `project`; its history starts afresh (undo does not cross files). */
export function openProject(stores: DocumentStores, project: Project, file?: ProjectFile): void {
  stores.graph.getState().load(project.graph);
  stores.graph.temporal.getState().clear();
  stores.project.getState().load(project, file);
  stores.project.getState().markSaved(projectText(stores));
}

/**
 * True when the open project differs from what it was last opened, started or saved as: changes
 * that no file (or template) holds.
 */
export function hasUnsavedChanges(stores: DocumentStores): boolean {
  return stores.project.getState().savedText !== projectText(stores);
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
