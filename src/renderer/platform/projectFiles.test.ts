import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { DatasetRef } from '../../shared/project';
import type { DatasetState } from '../stores/datasetState';
import { createProjectStore } from '../stores/projectStore';
import { TEMPLATES } from '../templates';
import type { DesktopShell, Platform } from './platform';
import { connectProjectData, pathReader } from './projectFiles';

const farms: DatasetRef = {
  source: 'csv',
  path: '/home/ada/farms.csv',
  features: ['temp_f'],
  targets: ['yield_ton'],
  task: 'regression',
};

function stores() {
  const project = createProjectStore(TEMPLATES[0]!.project);
  const loadProjectData = vi.fn(async () => undefined);
  const dataset = createStore<DatasetState>()(
    () => ({ loadProjectData }) as unknown as DatasetState,
  );
  return { project, dataset, loadProjectData };
}

const platform = (desktop?: Partial<DesktopShell>): Platform =>
  ({ kind: desktop ? 'electron' : 'browser', desktop }) as unknown as Platform;

describe('the data of the open project', () => {
  it('is loaded whenever the project’s dataset is another file, not on other changes', () => {
    const { project, dataset, loadProjectData } = stores();
    const read = vi.fn();
    const stop = connectProjectData(project, dataset, read);
    // The starter lesson trains on a built-in: nothing to read.
    expect(loadProjectData).not.toHaveBeenCalled();
    project.getState().load({ ...TEMPLATES[0]!.project, dataset: farms });
    expect(loadProjectData).toHaveBeenCalledWith(read);
    project.getState().updateTraining({ epochs: 3 });
    project.getState().setName('Farms');
    expect(loadProjectData).toHaveBeenCalledTimes(1);
    project.getState().setDataset({ ...farms, path: '/mnt/farms.csv' });
    expect(loadProjectData).toHaveBeenCalledTimes(2);
    stop();
    project.getState().setDataset(farms);
    expect(loadProjectData).toHaveBeenCalledTimes(2);
  });

  it('is loaded at once when the window connects (a project brought back after a reload)', () => {
    const { project, dataset, loadProjectData } = stores();
    project.getState().setDataset(farms);
    connectProjectData(project, dataset, undefined)();
    expect(loadProjectData).toHaveBeenCalledWith(undefined);
  });

  it('is read through the desktop app’s main process; a browser cannot read by path', async () => {
    expect(pathReader(platform())).toBeUndefined();
    const bytes = vi.fn(async () => new TextEncoder().encode('a,b\n1,2\n'));
    const openPath = vi.fn(() => ({ name: 'farms.csv', text: vi.fn(), bytes }));
    const read = pathReader(platform({ openPath }));
    const blob = await read?.('/home/ada/farms.csv');
    expect(openPath).toHaveBeenCalledWith('/home/ada/farms.csv');
    expect(await blob?.text()).toBe('a,b\n1,2\n');
  });
});
