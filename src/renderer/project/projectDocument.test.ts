import { describe, expect, it } from 'vitest';
import { parseProjectText } from '../../shared/parseProject';
import { createGraphStore } from '../stores/graphStore';
import { createProjectStore } from '../stores/projectStore';
import { TEMPLATES } from '../templates';
import { AUTOSAVE_KEY, restoreAutosave, startAutosave } from './autosave';
import {
  currentProject,
  hasUnsavedChanges,
  openProject,
  projectFileName,
  projectText,
} from './projectDocument';

const [linear, , , mlp] = TEMPLATES.map((t) => t.project);

function stores() {
  const s = { graph: createGraphStore(linear!.graph), project: createProjectStore(linear!) };
  s.project.getState().markSaved(projectText(s));
  return s;
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    get: (k: string) => map.get(k) ?? null,
    set: (k: string, v: string) => void map.set(k, v),
    map,
  };
}

describe('project document', () => {
  it('saves what it opened: open then save gives the same project', () => {
    const s = stores();
    openProject(s, structuredClone(mlp!));
    const reparsed = parseProjectText(projectText(s));
    expect(reparsed.ok && reparsed.value).toEqual(mlp);
    expect(hasUnsavedChanges(s)).toBe(false);
  });

  it('knows when there are unsaved changes, and that opening clears undo history', () => {
    const s = stores();
    s.graph.getState().addNode('relu', { x: 0, y: 0 });
    expect(hasUnsavedChanges(s)).toBe(true);
    openProject(s, structuredClone(mlp!));
    expect(s.graph.temporal.getState().pastStates).toHaveLength(0);
    s.project.getState().updateTraining({ epochs: 3 });
    expect(hasUnsavedChanges(s)).toBe(true);
  });

  it('makes safe file names', () => {
    expect(projectFileName('MLP: Fashion/MNIST?')).toBe('MLP Fashion MNIST.layerboard.json');
    expect(projectFileName('  ')).toBe('project.layerboard.json');
  });
});

describe('autosave', () => {
  it('restores the project that was open, with its unsaved state', async () => {
    const storage = memoryStorage();
    const before = stores();
    const stop = startAutosave(before, storage, 1);
    before.graph.getState().addNode('relu', { x: 10, y: 20 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    stop();
    const after = stores();
    expect(restoreAutosave(after, storage)).toBe(true);
    expect(currentProject(after).graph).toEqual(currentProject(before).graph);
    expect(hasUnsavedChanges(after)).toBe(true);
  });

  it('ignores a damaged autosave and leaves the open project alone', () => {
    const s = stores();
    const original = projectText(s);
    for (const text of [
      '{not json',
      JSON.stringify({ project: { format: 'layerboard/project', version: 1 } }),
    ]) {
      const storage = memoryStorage();
      storage.set(AUTOSAVE_KEY, text);
      expect(restoreAutosave(s, storage)).toBe(false);
      expect(projectText(s)).toBe(original);
    }
  });
});
