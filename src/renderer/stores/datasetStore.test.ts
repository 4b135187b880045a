import { encode as encodePng } from 'fast-png';
import { gzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import linearRegression from '../../../resources/examples/linear-regression.layerboard.json';
import { type DataNotices, isInputError } from '../../engine';
import { dataHandlers } from '../../engine/worker/dataHandlers';
import type { HandlerContext } from '../../engine/worker/handlerContext';
import { parseProject } from '../../shared/parseProject';
import type { DatasetRef, Project } from '../../shared/project';
import type { FileKeeper } from '../project/keptFiles';
import { createCompileStore } from './compileStore';
import { createDatasetStore } from './datasetStore';
import { createGraphStore } from './graphStore';
import type { DataEngine } from './latestRequest';
import { createProjectStore } from './projectStore';

// resources/datasets/crop-yields.csv (the renderer's tests have no file system).
const crops = `region,temp_f,rainfall_mm,humidity_pct,apples_ton,oranges_ton
Kanto,73,67,43,56,70
Johto,91,88,64,81,101
Hoenn,87,134,58,119,133
Sinnoh,102,43,37,22,37
Unova,69,96,70,103,119
`;
/** The built-ins the fake server has. */
const served: Record<string, string> = {
  'crop-yields.csv': crops,
  'population-profit.csv': 'population_10k,profit_100k\n6.1101,17.592\n5.5277,9.1302\n',
};

/** The worker's handlers called in-process, failing as the worker does (`userError`). */
function fakeEngine() {
  const calls: string[] = [];
  const running = new Map<number, AbortController>();
  let nextId = 1;
  const engine: DataEngine = {
    call(type, body, options) {
      calls.push(type);
      const id = nextId++;
      const controller = new AbortController();
      running.set(id, controller);
      const ctx: HandlerContext = {
        notify: (notice) => options?.onNotice?.(notice as DataNotices),
        signal: controller.signal,
        gpu: async () => undefined,
        transfer: [],
      };
      const handler = dataHandlers[type] as (r: unknown, c: HandlerContext) => Promise<never>;
      const reply = handler({ ...body, type, id }, ctx).catch((err: Error) => {
        throw Object.assign(new Error(err.message), { userError: isInputError(err) });
      });
      return { id, reply };
    },
    cancel: async (id) => running.get(id)?.abort(),
  };
  return { engine, calls };
}

/** A keeper in memory, as the browser's storage keeps files between sessions. */
function memoryKeeper(): FileKeeper {
  const files = new Map<string, { blob: Blob; keptAt: number }>();
  return {
    async keep(path, blob) {
      files.set(path, { blob, keptAt: 1 });
      return true;
    },
    find: async (path) => files.get(path)?.blob,
    findUnder: async (folder) =>
      new Map(
        [...files].flatMap(([path, { blob }]) =>
          path.startsWith(`${folder}/`) ? [[path, blob] as const] : [],
        ),
      ),
    list: async () =>
      [...files].map(([path, { blob, keptAt }]) => ({ path, size: blob.size, keptAt })),
    async forget(path) {
      files.delete(path);
    },
    async forgetAll() {
      files.clear();
    },
  };
}

function setup(dataset?: DatasetRef, keeper?: FileKeeper) {
  const parsed = parseProject(linearRegression);
  if (!parsed.ok) throw new Error(parsed.error);
  const project = createProjectStore(dataset ? { ...parsed.value, dataset } : parsed.value);
  const graph = createGraphStore(parsed.value.graph);
  const compiled = createCompileStore(graph, project);
  const { engine, calls } = fakeEngine();
  const store = createDatasetStore({
    project,
    engine: () => engine,
    datasetsUrl: () => 'http://127.0.0.1/datasets/',
    ...(keeper ? { keeper } : {}),
  });
  const inputShape = () => compiled.getState().result.shapes.in;
  return { store, project, calls, inputShape };
}

const idx = (magic: number, dims: number[], values: number[]) => {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d);
  out.set(values, 4 + 4 * dims.length);
  return out;
};

beforeEach(() => {
  vi.stubGlobal('fetch', async (url: string) => {
    const text = served[new URL(url).pathname.replace('/datasets/', '')];
    return text === undefined ? new Response('', { status: 404 }) : new Response(text);
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('dataset store', () => {
  it('previews a CSV with suggested roles, and leaves the project alone until committed', async () => {
    const { store, project } = setup();
    const before = project.getState().dataset;
    await store.getState().importFiles([new File([crops], 'my-crops.csv')]);
    const { draft, progress, error } = store.getState();
    expect(error).toBeUndefined();
    expect(progress).toBeUndefined();
    if (draft?.format !== 'csv') throw new Error('expected a CSV draft');
    expect(draft.roles).toEqual({
      region: 'ignored',
      temp_f: 'feature',
      rainfall_mm: 'feature',
      humidity_pct: 'feature',
      apples_ton: 'feature',
      oranges_ton: 'target',
    });
    expect(project.getState().dataset).toBe(before);
  });

  it('commits the chosen columns: the project reads the file and the Input takes 3 features', async () => {
    const { store, project, inputShape } = setup();
    const file = new File([crops], 'my-crops.csv');
    await store.getState().importFiles([file]);
    store.getState().setRole('apples_ton', 'target');
    await store.getState().commit();
    expect(store.getState().error).toBeUndefined();
    expect(project.getState().dataset).toEqual({
      source: 'csv',
      path: 'my-crops.csv',
      features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
      targets: ['apples_ton', 'oranges_ton'],
      task: 'regression',
    });
    expect(project.getState().importedShape).toEqual({
      sampleShape: [3],
      task: 'regression',
      outputs: 2,
      rows: 5,
    });
    expect(inputShape()).toEqual([3]);
    const state = store.getState();
    expect(state.draft).toBeUndefined();
    expect(state.file).toBe(file);
    expect([...state.imports.keys()]).toEqual(['my-crops.csv']);
    expect(state.description?.counts.train).toBe(5);
  });

  it('shows a bad file’s problem and keeps the project as it was', async () => {
    const { store, project } = setup();
    const before = project.getState();
    await store.getState().importFiles([new File(['a,b,c\n1,2,3\n4,5\n'], 'ragged.csv')]);
    expect(store.getState().error?.message).toMatch(/^"ragged.csv", row 3: this row has 2 cells/);
    expect(store.getState().draft).toBeUndefined();
    expect(project.getState()).toBe(before);
  });

  it('refuses a commit the worker cannot read, naming the cell, and keeps the draft', async () => {
    const { store, project } = setup();
    const before = project.getState();
    await store.getState().importFiles([new File([crops], 'my-crops.csv')]);
    store.getState().setRole('oranges_ton', 'ignored');
    store.getState().setRole('region', 'target');
    store.getState().setTask('regression');
    await store.getState().commit();
    expect(store.getState().error?.message).toBe(
      '"my-crops.csv", row 2, column A "region": "Kanto" is not a number, and a regression learns numbers. Fix the cell, or switch the task to classification',
    );
    expect(store.getState().draft?.format).toBe('csv');
    expect(project.getState()).toBe(before);
  });

  it('says what is missing before asking the worker: a target', async () => {
    const { store, calls } = setup();
    await store.getState().importFiles([new File([crops], 'my-crops.csv')]);
    store.getState().setRole('oranges_ton', 'ignored');
    await store.getState().commit();
    expect(store.getState().error?.message).toMatch(/^Choose a target/);
    expect(calls).toEqual(['preview-file']);
  });

  it('infers the task again when the target changes', async () => {
    const { store } = setup();
    const text = 'x,grade\n1,a\n2,b\n3,a\n4,b\n';
    await store.getState().importFiles([new File([text], 'grades.csv')]);
    const task = () => (store.getState().draft as { task: string }).task;
    expect(task()).toBe('classification');
    store.getState().setRole('x', 'target');
    expect(task()).toBe('regression');
    store.getState().setRole('x', 'feature');
    expect(task()).toBe('classification');
    store.getState().setTask('regression');
    expect(task()).toBe('regression');
  });

  it('Cancel drops the draft and stops the reading under way', async () => {
    const { store } = setup();
    const reading = store.getState().importFiles([new File([crops], 'my-crops.csv')]);
    expect(store.getState().progress).toEqual({ label: 'Reading my-crops.csv', read: 0 });
    store.getState().discard();
    await reading;
    const { draft, progress, error } = store.getState();
    expect({ draft, progress, error }).toEqual({
      draft: undefined,
      progress: undefined,
      error: undefined,
    });
  });

  it('pairs IDX files chosen one at a time, describes them, and commits the pair', async () => {
    const { store, project, inputShape } = setup();
    const images = new File([gzipSync(idx(0x803, [3, 2, 2], new Array(12).fill(9)))], 'imgs.gz');
    const labels = new File([idx(0x801, [3], [0, 1, 1])], 'labs');
    await store.getState().importFiles([images]);
    expect(store.getState().draft).toMatchObject({ format: 'idx', images: { file: images } });
    await store.getState().importFiles([labels]);
    const draft = store.getState().draft;
    if (draft?.format !== 'idx') throw new Error('expected an IDX draft');
    expect(draft.description?.samples?.labels).toEqual([0, 1, 1]);
    await store.getState().commit();
    expect(project.getState().dataset).toEqual({
      source: 'idx',
      images: 'imgs.gz',
      labels: 'labs',
    });
    expect(inputShape()).toEqual([1, 2, 2]);
    expect(store.getState().file).toBe(images);
  });

  it('describes the project’s built-in once, and drops an answer overtaken by a newer request', async () => {
    const { store, project, calls } = setup();
    await store.getState().describeProject();
    await store.getState().describeProject();
    expect(calls).toEqual(['describe-dataset']);
    expect(store.getState().description?.title).toBe('Crop yields');

    project.getState().setDataset({ source: 'builtin', name: 'population-profit' });
    const slow = store.getState().describeProject();
    await store.getState().importFiles([new File([crops], 'my-crops.csv')]);
    await slow;
    // The import overtook the description: the crop-yields one stays, marked as such.
    expect(store.getState().describedRef).toBe(
      JSON.stringify({ source: 'builtin', name: 'crop-yields' }),
    );
    expect(store.getState().draft?.format).toBe('csv');
  });
});

/** The crop-yields lesson on a CSV of its data, as a reopened project names it. */
const cropsAt = (path: string): DatasetRef => ({
  source: 'csv',
  path,
  features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
  targets: ['apples_ton', 'oranges_ton'],
  task: 'regression',
});

describe('files kept in the browser', () => {
  it('keeps an import, and a later session finds it without another import', async () => {
    const keeper = memoryKeeper();
    const first = setup(undefined, keeper);
    await first.store.getState().importFiles([new File([crops], 'my-crops.csv')]);
    await first.store.getState().commit();
    await vi.waitFor(() => expect(first.store.getState().kept).toHaveLength(1));
    expect(first.store.getState().kept[0]).toMatchObject({
      path: 'my-crops.csv',
      size: crops.length,
    });

    // A reload: the project comes back from its autosave, without its files, and no path to read.
    const later = setup(first.project.getState().dataset, keeper);
    expect(later.inputShape()).toBeUndefined();
    await later.store.getState().loadProjectData(undefined);
    // The suggested roles: four features (the region, a name per row, ignored).
    expect(later.inputShape()).toEqual([4]);
    expect([...later.store.getState().imports.keys()]).toEqual(['my-crops.csv']);
  });

  it('frees the space: a removed file is asked for again in the next session', async () => {
    const keeper = memoryKeeper();
    const first = setup(undefined, keeper);
    await first.store.getState().importFiles([new File([crops], 'my-crops.csv')]);
    await first.store.getState().commit();
    await vi.waitFor(() => expect(first.store.getState().kept).toHaveLength(1));
    await first.store.getState().forgetKept('my-crops.csv');
    expect(first.store.getState().kept).toEqual([]);
    // The open project still has its data in memory.
    expect(first.store.getState().imports.size).toBe(1);

    const later = setup(first.project.getState().dataset, keeper);
    await later.store.getState().loadProjectData(undefined);
    expect(later.inputShape()).toBeUndefined();
    expect(later.store.getState().imports.size).toBe(0);
  });
});

describe('the data of a reopened project', () => {
  it('is read by path: the Input takes its shape and the initial weights stay', async () => {
    const { store, project, inputShape } = setup(cropsAt('/home/ada/crops.csv'));
    const { weights, dataset } = project.getState();
    expect(inputShape()).toBeUndefined();
    const read = vi.fn(async () => new Blob([crops]));
    await store.getState().loadProjectData(read);
    expect(read).toHaveBeenCalledWith('/home/ada/crops.csv');
    expect(inputShape()).toEqual([3]);
    expect(project.getState().weights).toBe(weights);
    // The same dataset to the app (a new ref object would stop a run, as another dataset does).
    expect(project.getState().dataset).toBe(dataset);
    expect([...store.getState().imports.keys()]).toEqual(['/home/ada/crops.csv']);
    expect(store.getState().description?.counts.train).toBe(5);

    // Opened again in the same session: the file is there, and so is the shape, at once.
    project.getState().load(project.getState() as unknown as Project);
    expect(inputShape()).toBeUndefined();
    await store.getState().loadProjectData(read);
    expect(inputShape()).toEqual([3]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('says which file is missing and where it looked, and leaves the project as it is', async () => {
    const { store, project, inputShape } = setup(cropsAt('/home/ada/crops.csv'));
    const before = project.getState();
    await store.getState().loadProjectData(async (path) => {
      throw new Error(`${path} does not exist`);
    });
    expect(store.getState().unread).toEqual([
      { path: '/home/ada/crops.csv', reason: '/home/ada/crops.csv does not exist' },
    ]);
    expect(store.getState().progress).toBeUndefined();
    expect(project.getState()).toBe(before);
    expect(inputShape()).toBeUndefined();
  });

  it('cannot read a bare name (a browser): the import of a file of that name is that file', async () => {
    const { store, project, inputShape, calls } = setup(cropsAt('crops.csv'));
    const read = vi.fn(async () => new Blob([crops]));
    await store.getState().loadProjectData(read);
    expect(read).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
    await store.getState().importFiles([new File([crops], 'crops.csv')]);
    expect(store.getState().draft).toBeUndefined();
    expect(inputShape()).toEqual([3]);
    expect(project.getState().dataset).toEqual(cropsAt('crops.csv'));
    // Once it is loaded, a file of that name is a new import again.
    await store.getState().importFiles([new File([crops], 'crops.csv')]);
    expect(store.getState().draft?.format).toBe('csv');
  });

  it('moves the path to where the user found the file (the desktop app)', async () => {
    const { store, project, inputShape } = setup(cropsAt('/home/ada/crops.csv'));
    const weights = project.getState().weights;
    await store.getState().importFiles([new File([crops], 'crops.csv')], ['/mnt/usb/crops.csv']);
    expect(project.getState().dataset).toEqual(cropsAt('/mnt/usb/crops.csv'));
    expect(project.getState().weights).toBe(weights);
    expect([...store.getState().imports.keys()]).toEqual(['/mnt/usb/crops.csv']);
    expect(inputShape()).toEqual([3]);
  });

  it('refuses a file of the right name without the project’s columns', async () => {
    const { store, project, inputShape } = setup(cropsAt('crops.csv'));
    const before = project.getState();
    await store.getState().importFiles([new File(['a,b\n1,2\n'], 'crops.csv')]);
    expect(store.getState().error?.message).toMatch(/temp_f/);
    expect(store.getState().error?.projectUnchanged).toBe(true);
    expect(store.getState().imports.size).toBe(0);
    expect(project.getState()).toBe(before);
    expect(inputShape()).toBeUndefined();
  });

  it('completes an IDX pair from disk and from an import, one file each', async () => {
    const images = gzipSync(idx(0x803, [3, 2, 2], new Array(12).fill(9)));
    const labels = idx(0x801, [3], [0, 1, 1]);
    const { store, project, inputShape } = setup({
      source: 'idx',
      images: '/d/imgs.gz',
      labels: '/d/labs',
    });
    await store.getState().loadProjectData(async (path) => {
      if (path === '/d/imgs.gz') return new Blob([images]);
      throw new Error(`${path} does not exist`);
    });
    expect(store.getState().unread.map((u) => u.path)).toEqual(['/d/labs']);
    expect(inputShape()).toBeUndefined();
    await store.getState().importFiles([new File([labels], 'labs')], ['/e/labs']);
    expect(project.getState().dataset).toEqual({
      source: 'idx',
      images: '/d/imgs.gz',
      labels: '/e/labs',
    });
    expect(inputShape()).toEqual([1, 2, 2]);
    expect(store.getState().unread).toEqual([]);
  });

  it('keeps where an imported file is on disk in the ref it commits', async () => {
    const { store, project } = setup();
    await store.getState().importFiles([new File([crops], 'crops.csv')], ['/home/ada/crops.csv']);
    await store.getState().commit();
    expect(project.getState().dataset).toMatchObject({ path: '/home/ada/crops.csv' });
    expect([...store.getState().imports.keys()]).toEqual(['/home/ada/crops.csv']);
  });
});

describe('an image folder', () => {
  /** A grey PNG of 5 x 4 pixels. */
  const png = (value: number) =>
    new Blob([
      encodePng({
        width: 5,
        height: 4,
        data: new Uint8Array(20).fill(value),
        channels: 1,
        depth: 8,
      }) as Uint8Array<ArrayBuffer>,
    ]);
  const files = [
    { path: 'day/1.png', file: png(200) },
    { path: 'day/2.png', file: png(210) },
    { path: 'night/1.png', file: png(10) },
    { path: 'night/notes.txt', file: new Blob(['dark']) },
  ];

  it('is a draft read at its first image size, read again as the options change, then used', async () => {
    const { store, project, inputShape } = setup();
    await store.getState().importFolder('sky', files);
    const draft = store.getState().draft;
    expect(draft).toMatchObject({ format: 'folder', path: 'sky', size: [4, 5], channels: 1 });
    expect(draft?.format === 'folder' && draft.description?.classes).toEqual(['day', 'night']);
    await store.getState().setFolderOptions({ size: [2, 2], testSplit: 0.34 });
    const resized = store.getState().draft;
    expect(resized?.format === 'folder' && resized.description?.sampleShape).toEqual([1, 2, 2]);
    await store.getState().commit();
    expect(project.getState().dataset).toEqual({
      source: 'folder',
      path: 'sky',
      size: [2, 2],
      channels: 1,
      testSplit: 0.34,
    });
    expect(inputShape()).toEqual([1, 2, 2]);
    expect(store.getState().description?.skipped).toEqual([
      'night/notes.txt (not a PNG or JPEG file)',
    ]);
  });

  it("is the project's own folder when it names it and lacks its files", async () => {
    const { store } = setup({ source: 'folder', path: 'sky', size: [4, 5], channels: 1 });
    await store.getState().importFolder('sky', files);
    expect(store.getState().draft).toBeUndefined();
    expect(store.getState().description?.classCounts).toEqual([2, 1]);
  });

  it('says what layout is expected, and leaves the project as it was', async () => {
    const { store, project } = setup();
    await store.getState().importFolder('flat', [{ path: 'a.png', file: png(1) }]);
    expect(store.getState().error?.message).toMatch(/"flat" holds 1 image but no class subfolders/);
    expect(project.getState().dataset.source).toBe('builtin');
  });
});
