import { describe, expect, it, vi } from 'vitest';
import { parseProjectText } from '../../shared/parseProject';
import type { DatasetRef } from '../../shared/project';
import type { Platform, SaveRequest } from '../platform/platform';
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
  saveProject,
  workText,
} from './projectDocument';

const [linear, , , mlp] = TEMPLATES.map((t) => t.project);

function stores() {
  const s = { graph: createGraphStore(linear!.graph), project: createProjectStore(linear!) };
  s.project.getState().markSaved(workText(s));
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

const farms: DatasetRef = {
  source: 'csv',
  path: 'farms.csv',
  features: ['temp_f'],
  targets: ['yield_ton'],
  task: 'regression',
};

/** The linear lesson on `farms` as a file holds it, with its initial weights dropped. */
function farmsProject(dataset: DatasetRef = farms) {
  const { weights: _, ...project } = structuredClone(linear!);
  return { ...project, dataset };
}

/** A platform that saves where `chosen` says (the dialog), or over `request.path` when given. */
function savingPlatform(chosen?: string) {
  const writes: { path: string | undefined; dataset: unknown }[] = [];
  const saveFile = vi.fn(async (request: SaveRequest) => {
    const path = request.path ?? chosen;
    writes.push({ path, dataset: JSON.parse(request.data as string).dataset });
    const name = (path ?? request.suggestedName).split('/').pop()!;
    return path ? { name, path } : { name };
  });
  const platform: Pick<Platform, 'saveFile'> = { saveFile };
  return { platform, writes };
}

const saveAs = { title: 'Save project', filters: [], askWhere: true };
const save = { ...saveAs, askWhere: false };

describe('data paths in the project file', () => {
  it('opens a relative data path as the file beside the project', () => {
    const s = stores();
    openProject(s, farmsProject(), {
      name: 'f.layerboard.json',
      path: '/home/ada/f.layerboard.json',
    });
    expect(s.project.getState().dataset).toMatchObject({ path: '/home/ada/farms.csv' });
    // The file still reads as it did: nothing to save.
    expect(currentProject(s).dataset).toMatchObject({ path: 'farms.csv' });
    expect(hasUnsavedChanges(s)).toBe(false);
  });

  it('keeps a name as it is where there is no folder (a browser)', () => {
    const s = stores();
    openProject(s, farmsProject(), { name: 'f.layerboard.json' });
    expect(s.project.getState().dataset).toMatchObject({ path: 'farms.csv' });
  });

  it('saves data in the project’s folder relative to it, and other data absolute', async () => {
    const s = stores();
    openProject(s, farmsProject({ ...farms, path: '/home/ada/farms/data/farms.csv' }));
    const { platform, writes } = savingPlatform('/home/ada/farms/f.layerboard.json');
    await saveProject(s, platform, saveAs);
    // Written absolute first (the folder was not known), then relative once it was.
    expect(writes).toEqual([
      {
        path: '/home/ada/farms/f.layerboard.json',
        dataset: { ...farms, path: '/home/ada/farms/data/farms.csv' },
      },
      { path: '/home/ada/farms/f.layerboard.json', dataset: { ...farms, path: 'data/farms.csv' } },
    ]);
    expect(hasUnsavedChanges(s)).toBe(false);

    const elsewhere = savingPlatform('/home/ada/other/f.layerboard.json');
    await saveProject(s, elsewhere.platform, saveAs);
    expect(elsewhere.writes).toHaveLength(1);
    expect(elsewhere.writes[0]?.dataset).toMatchObject({ path: '/home/ada/farms/data/farms.csv' });
    expect(s.project.getState().file?.path).toBe('/home/ada/other/f.layerboard.json');
  });

  it('Save As into another folder keeps finding the data a relative path named', async () => {
    const s = stores();
    openProject(s, farmsProject(), { name: 'f.layerboard.json', path: '/a/f.layerboard.json' });
    const { platform, writes } = savingPlatform('/b/f.layerboard.json');
    await saveProject(s, platform, saveAs);
    expect(writes.map((w) => w.dataset)).toEqual([{ ...farms, path: '/a/farms.csv' }]);

    // Saved back beside the data, it is relative again; Save writes over the file it has, once.
    const back = savingPlatform();
    openProject(s, farmsProject(), { name: 'f.layerboard.json', path: '/a/f.layerboard.json' });
    await saveProject(s, back.platform, save);
    expect(back.writes.map((w) => w.path)).toEqual(['/a/f.layerboard.json']);
    expect(back.writes.at(-1)?.dataset).toEqual(farms);
  });

  it('saves a browser’s import by its name, in one write', async () => {
    const s = stores();
    openProject(s, farmsProject());
    const { platform, writes } = savingPlatform();
    const saved = await saveProject(s, platform, saveAs);
    expect(saved).toEqual({ name: 'Linear regression crop yields.layerboard.json' });
    expect(writes.map((w) => w.dataset)).toEqual([farms]);
  });
});

describe('a copy of the project (Save as assignment)', () => {
  it('is saved where the user says, without the run history, and the project keeps its file', async () => {
    const s = stores();
    openProject(s, farmsProject(), { name: 'f.layerboard.json', path: '/a/f.layerboard.json' });
    const assignment = {
      title: 'Fit',
      instructions: '',
      goal: { metric: 'loss' as const, atMost: 1 },
    };
    s.project.getState().setAssignment(assignment);
    s.project.getState().recordRun({
      at: '2026-12-06T10:00:00.000Z',
      durationMs: 10,
      backend: 'cpu',
      outcome: 'completed',
      graph: linear!.graph,
      dataset: farms,
      training: linear!.training,
      metrics: { loss: 2 },
      history: [{ epoch: 1, loss: 2 }],
    });
    const texts: string[] = [];
    const saveFile = vi.fn(async (request: SaveRequest) => {
      texts.push(request.data as string);
      return {
        name: request.suggestedName,
        path: request.path ?? '/a/Fit.assignment.layerboard.json',
      };
    });
    const copy = { suggestedName: 'Fit.assignment.layerboard.json' };
    const saved = await saveProject(s, { saveFile }, { ...save, copy });
    expect(saved?.path).toBe('/a/Fit.assignment.layerboard.json');
    expect(saveFile.mock.calls[0]?.[0]).toMatchObject({ suggestedName: copy.suggestedName });
    expect(saveFile.mock.calls[0]?.[0].path).toBeUndefined();
    const written = JSON.parse(texts.at(-1)!);
    expect(written.assignment).toEqual(assignment);
    expect(written.runs).toBeUndefined();
    expect(written.dataset.path).toBe('farms.csv');
    expect(s.project.getState().file?.path).toBe('/a/f.layerboard.json');
    expect(s.project.getState().runs).toHaveLength(1);
    expect(hasUnsavedChanges(s)).toBe(true);
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
