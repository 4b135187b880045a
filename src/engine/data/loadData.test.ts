import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../shared/parseProject';
import type { DatasetRef, Project } from '../../shared/project';
import { InputError } from '../errors';
import { browserFiles } from './browserFiles';
import { prepareData } from './loadData';
import { loadProjectData } from './loadProject.node.ts';

const dir = mkdtempSync(join(tmpdir(), 'layerboard-data-'));
writeFileSync(
  join(dir, 'houses.csv'),
  'id,rooms,area,price\n1,2,50,100\n2,3,80,150\n3,4,120,210\n4,3,90,160\n5,5,150,300\n',
);
const idx = (magic: number, dims: number[], values: number[]) => {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d);
  out.set(values, 4 + 4 * dims.length);
  return out;
};
writeFileSync(
  join(dir, 'imgs.gz'),
  gzipSync(idx(0x803, [4, 1, 2], [0, 255, 255, 0, 51, 51, 0, 0])),
);
writeFileSync(join(dir, 'labs'), idx(0x801, [4], [0, 1, 1, 2]));

function project(dataset: unknown, training: Record<string, unknown> = {}): Project {
  const result = parseProject({
    format: 'layerboard/project',
    version: 1,
    graph: { nodes: [], edges: [] },
    dataset,
    training: {
      loss: 'mse',
      optimizer: { type: 'sgd', lr: 0.1 },
      batchSize: 2,
      epochs: 1,
      ...training,
    },
  });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const houses: Extract<DatasetRef, { source: 'csv' }> = {
  source: 'csv',
  path: 'houses.csv',
  features: ['rooms', 'area'],
  targets: ['price'],
  task: 'regression',
};

describe('loadProjectData (the command line loader)', () => {
  it('reads a CSV relative to the project, splits it and normalises it on the training rows', async () => {
    const data = await loadProjectData(
      project(houses, { normalize: 'minmax', validationSplit: 0.4, seed: 3 }),
      dir,
    );
    expect(data.info).toMatchObject({
      name: 'houses.csv',
      source: 'csv',
      task: 'regression',
      sampleShape: [2],
      featureNames: ['rooms', 'area'],
      targetNames: ['price'],
      counts: { train: 3, validation: 2, test: 0 },
    });
    const prep = data.preprocessing;
    expect(prep).toMatchObject({ kind: 'minmax', features: ['rooms', 'area'] });
    // The training split spans [0, 1] exactly; validation rows may fall outside.
    const train = [...data.train.x];
    expect(Math.min(...train)).toBe(0);
    expect(Math.max(...train)).toBe(1);
    expect(data.validation!.count).toBe(2);
  });

  it('reads an IDX pair, scaled to [0, 1], and records the scaling for raw predictions', async () => {
    const data = await loadProjectData(
      project({ source: 'idx', images: 'imgs.gz', labels: 'labs' }),
      dir,
    );
    expect(data.info).toMatchObject({
      name: 'imgs.gz',
      task: 'classification',
      sampleShape: [1, 1, 2],
      classes: ['0', '1', '2'],
    });
    expect(data.preprocessing).toEqual({ kind: 'none', imageScale: 1 / 255 });
    expect([...data.train.x]).toEqual([0, 1, 1, 0, 0.2, 0.2, 0, 0].map(Math.fround));
  });

  it('loads Fashion-MNIST with its official test split, normalised with the training statistics', async () => {
    const data = await loadProjectData(
      project(
        { source: 'builtin', name: 'fashion-mnist' },
        { normalize: 'standardize', validationSplit: 0.1 },
      ),
      dir,
    );
    expect(data.info.counts).toEqual({ train: 54_000, validation: 6_000, test: 10_000 });
    expect(data.info.description).toMatch(/Zalando/);
    if (data.preprocessing.kind !== 'standardize') throw new Error('standardize expected');
    expect(data.preprocessing.mean).toHaveLength(784);
    expect(data.preprocessing.imageScale).toBe(1 / 255);
    let sum = 0;
    for (const v of data.train.x) sum += v;
    expect(Math.abs(sum / data.train.x.length)).toBeLessThan(1e-4);
  });

  it('says which file is missing, and where it looked', async () => {
    const err = await loadProjectData(project({ ...houses, path: 'data/missing.csv' }), dir).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(
      /cannot find "data\/missing.csv" \(looked for .*data\/missing.csv\)/,
    );
  });

  it('says when the path is a folder', async () => {
    const err = await loadProjectData(project({ ...houses, path: '.' }), dir).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/"\." is a folder .*Name a file inside it/);
  });
});

describe('browserFiles (the app loader)', () => {
  const page = 'http://127.0.0.1:5173/index.html';
  const served: typeof fetch = async (url) => {
    const path = new URL(String(url)).pathname;
    if (!path.startsWith('/datasets/')) return new Response('not found', { status: 404 });
    try {
      return new Response(readFileSync(join('resources', path)));
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
  const files = browserFiles({
    datasetsUrl: new URL('./datasets/', page).href,
    imports: new Map([['houses.csv', new Blob([readFileSync(join(dir, 'houses.csv'))])]]),
    fetch: served,
  });
  const training = { normalize: 'none', validationSplit: 0, seed: 1 } as const;

  it("fetches built-ins from the page's datasets folder", async () => {
    const data = await prepareData({ source: 'builtin', name: 'crop-yields' }, training, files);
    expect(data.train.count).toBe(5);
    expect([...data.train.x.slice(0, 3)]).toEqual([73, 67, 43]);
  });

  it('reads an imported file by its name, even from another folder', async () => {
    const data = await prepareData(
      { ...houses, path: 'C:\\Users\\me\\houses.csv' },
      training,
      files,
    );
    expect(data.train.count).toBe(5);
  });

  it('says to import a file the project names but the app does not have', async () => {
    await expect(prepareData({ ...houses, path: 'other.csv' }, training, files)).rejects.toThrow(
      /"other.csv", which is not loaded in the app. Import the file again/,
    );
  });

  it('says when a built-in file cannot be fetched', async () => {
    const broken = browserFiles({ datasetsUrl: 'http://127.0.0.1/nowhere/', fetch: served });
    await expect(
      prepareData({ source: 'builtin', name: 'crop-yields' }, training, broken),
    ).rejects.toThrow(/cannot load the built-in dataset file "crop-yields.csv" \(HTTP 404\)/);
  });
});
