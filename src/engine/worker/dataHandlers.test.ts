import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { gzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatasetRef } from '../../shared/project';
import { FASHION_MNIST_CLASSES } from '../data/builtins';
import type { GpuContext } from '../gpu/device';
import { dataHandlers } from './dataHandlers';
import type { DataProgress, DataRequests } from './dataMessages';
import type { HandlerContext } from './handlerContext';

const DATASETS = resolve('resources/datasets');
const datasetsUrl = 'http://127.0.0.1/datasets/';

/** A HandlerContext that records notices, with an abort switch and an optional fake GPU. */
function context(gpu?: Partial<GpuContext>) {
  const notices: DataProgress[] = [];
  const controller = new AbortController();
  const ctx: HandlerContext = {
    notify: (notice) => {
      if (notice.type === 'data-progress') notices.push(notice);
    },
    signal: controller.signal,
    gpu: async () => gpu as GpuContext | undefined,
    transfer: [],
  };
  return { ctx, notices, controller };
}

const preview = (file: Blob, name: string, ctx: HandlerContext) =>
  dataHandlers['preview-file']({ type: 'preview-file', id: 1, file, name }, ctx);

const describeData = (
  body: Partial<DataRequests['describe-dataset']['request']> & { ref: DatasetRef },
  ctx: HandlerContext,
) =>
  dataHandlers['describe-dataset'](
    {
      type: 'describe-dataset',
      id: 2,
      training: { validationSplit: 0 },
      datasetsUrl,
      imports: new Map(),
      ...body,
    },
    ctx,
  );

const idx = (magic: number, dims: number[], values: number[]) => {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d);
  out.set(values, 4 + 4 * dims.length);
  return out;
};
// Four 1x2 images and their labels.
const images = new File([gzipSync(idx(0x803, [4, 1, 2], [0, 255, 255, 0, 51, 51, 0, 0]))], 'i.gz');
const labels = new File([idx(0x801, [4], [0, 1, 1, 2])], 'labels-idx1-ubyte');

const flowers =
  'petal,sepal,kind\n1.4,5.1,setosa\n4.7,7.0,versicolor\n1.3,4.9,setosa\n4.5,6.4,versicolor\n';

beforeEach(() => {
  // The built-ins come from the app's web server; here, from resources/datasets.
  vi.stubGlobal('fetch', async (url: string) => {
    const path = resolve(
      DATASETS,
      decodeURIComponent(new URL(url).pathname.replace('/datasets/', '')),
    );
    try {
      const bytes = readFileSync(path);
      return new Response(bytes, { headers: { 'content-length': String(bytes.length) } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('preview-file', () => {
  it('previews a CSV with its suggested roles, reporting progress up to the file size', async () => {
    const file = new File([flowers], 'flowers.csv');
    const { ctx, notices } = context();
    const reply = await preview(file, 'flowers.csv', ctx);
    if (reply.format !== 'csv') throw new Error('expected a CSV preview');
    expect(reply.csv.rowCount).toBe(4);
    expect(reply.csv.columns.map((c) => c.name)).toEqual(['petal', 'sepal', 'kind']);
    expect(reply.csv.suggestion).toMatchObject({
      features: ['petal', 'sepal'],
      targets: ['kind'],
      task: 'classification',
      classes: ['setosa', 'versicolor'],
    });
    expect(notices.at(-1)).toEqual({
      type: 'data-progress',
      file: 'flowers.csv',
      read: file.size,
      total: file.size,
    });
  });

  it('tells IDX images (gzip) from IDX labels (raw) by their magic numbers', async () => {
    const { ctx } = context();
    expect(await preview(images, 'i.gz', ctx)).toEqual({
      format: 'idx',
      idx: { name: 'i.gz', kind: 'images', count: 4, rows: 1, cols: 2 },
    });
    expect(await preview(labels, 'labels', ctx)).toEqual({
      format: 'idx',
      idx: { name: 'labels', kind: 'labels', count: 4 },
    });
  });

  it('explains a gzip that holds a CSV, and a ragged CSV, naming file and row', async () => {
    const { ctx } = context();
    const zipped = new File([gzipSync(new TextEncoder().encode(flowers))], 'flowers.csv.gz');
    await expect(preview(zipped, 'flowers.csv.gz', ctx)).rejects.toThrow(
      /"flowers.csv.gz" is not a text file: it looks like a gzip archive/,
    );
    const ragged = new File(['a,b,c\n1,2,3\n4,5\n'], 'ragged.csv');
    await expect(preview(ragged, 'ragged.csv', ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/"ragged.csv", row 3: this row has 2 cells/),
    });
  });

  it('explains a truncated IDX file', async () => {
    const cut = new File([idx(0x803, [4, 1, 2], [0, 255, 255])], 'cut-idx3-ubyte');
    await expect(preview(cut, 'cut-idx3-ubyte', context().ctx)).rejects.toThrow(/cut short/);
  });

  it('stops reading when the app cancels the request', async () => {
    const { ctx, controller } = context();
    controller.abort();
    await expect(preview(new File([flowers], 'f.csv'), 'f.csv', ctx)).rejects.toThrow(
      /reading "f.csv" was cancelled/,
    );
  });
});

describe('describe-dataset', () => {
  it('describes crop-yields: counts, statistics and the compile info of two regression targets', async () => {
    const { ctx, notices } = context();
    const d = await describeData({ ref: { source: 'builtin', name: 'crop-yields' } }, ctx);
    expect(d.title).toBe('Crop yields');
    expect(d.counts).toEqual({ train: 5, validation: 0, test: 0 });
    expect(d.dataShape).toEqual({ sampleShape: [3], task: 'regression', outputs: 2, rows: 5 });
    expect(d.stats.map((s) => s.name)).toEqual([
      'temp_f',
      'rainfall_mm',
      'humidity_pct',
      'apples_ton',
      'oranges_ton',
    ]);
    expect(d.stats[0]).toMatchObject({ count: 5, mean: 84.4, min: 69, max: 102, missing: 0 });
    expect(d.samples).toBeUndefined();
    expect(notices.at(-1)).toMatchObject({ file: 'crop-yields.csv', total: notices.at(-1)?.read });
  });

  it('describes Fashion-MNIST with a grid of 2 images per class, taken in turns, pixels moved', async () => {
    const { ctx } = context();
    const d = await describeData(
      { ref: { source: 'builtin', name: 'fashion-mnist' }, training: { validationSplit: 0.1 } },
      ctx,
    );
    expect(d.counts).toEqual({ train: 54_000, validation: 6_000, test: 10_000 });
    expect(d.dataShape).toEqual({
      sampleShape: [1, 28, 28],
      task: 'classification',
      outputs: 10,
      rows: 54_000,
    });
    expect(d.classes).toEqual(FASHION_MNIST_CLASSES);
    expect(d.classCounts).toEqual(new Array(10).fill(6000));
    const grid = d.samples!;
    expect(grid.labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(grid.pixels.length).toBe(20 * 28 * 28);
    expect(Math.max(...grid.pixels)).toBe(255);
    expect(ctx.transfer).toEqual([grid.pixels.buffer]);
    // The first training image is an ankle boot (label 9), so the first T-shirt comes later.
    expect(grid.indices[9]).toBe(0);
  });

  it('describes an imported CSV classification with its classes and validation rows', async () => {
    const imports = new Map([['flowers.csv', new Blob([flowers])]]);
    const ref: DatasetRef = {
      source: 'csv',
      path: 'flowers.csv',
      features: ['petal', 'sepal'],
      targets: ['kind'],
      task: 'classification',
    };
    const d = await describeData(
      { ref, imports, training: { validationSplit: 0.25 } },
      context().ctx,
    );
    expect(d.counts).toEqual({ train: 3, validation: 1, test: 0 });
    expect(d.classes).toEqual(['setosa', 'versicolor']);
    expect(d.classCounts).toEqual([2, 2]);
    expect(d.targetNames).toEqual(['kind']);
    expect(d.dataShape).toEqual({ sampleShape: [2], task: 'classification', outputs: 2, rows: 3 });
  });

  it('takes a text feature as categories, refuses text in a regression target, and an IDX pair that does not match', async () => {
    const imports = new Map([['flowers.csv', new Blob([flowers])]]);
    const ref: DatasetRef = {
      source: 'csv',
      path: 'flowers.csv',
      features: ['petal', 'kind'],
      targets: ['sepal'],
      task: 'regression',
    };
    const described = await describeData({ ref, imports }, context().ctx);
    expect(described.sampleShape).toEqual([3]);
    expect(described.columns).toEqual([
      { name: 'petal', kind: 'number' },
      { name: 'kind', kind: 'category', categories: ['setosa', 'versicolor'] },
    ]);
    const textTarget: DatasetRef = { ...ref, features: ['petal'], targets: ['kind'] };
    await expect(describeData({ ref: textTarget, imports }, context().ctx)).rejects.toThrow(
      '"flowers.csv", row 2, column C "kind": "setosa" is not a number, and a regression learns numbers',
    );
    const short = new Blob([idx(0x801, [3], [0, 1, 1])]);
    const pair = new Map([
      ['i.gz', images as Blob],
      ['l', short],
    ]);
    await expect(
      describeData(
        { ref: { source: 'idx', images: 'i.gz', labels: 'l' }, imports: pair },
        context().ctx,
      ),
    ).rejects.toThrow('"i.gz" holds 4 images but "l" holds 3 labels');
  });

  it('describes an IDX pair with numbered classes, and warns when the GPU cannot hold it', async () => {
    const imports = new Map<string, Blob>([
      ['i.gz', images],
      ['labels-idx1-ubyte', labels],
    ]);
    const gpu = {
      device: { limits: { maxStorageBufferBindingSize: 16 } },
    } as unknown as GpuContext;
    const d = await describeData(
      { ref: { source: 'idx', images: 'i.gz', labels: 'labels-idx1-ubyte' }, imports },
      context(gpu).ctx,
    );
    expect(d.classes).toEqual(['0', '1', '2']);
    expect(d.samples?.labels).toEqual([0, 1, 2, 1]);
    expect([...d.samples!.pixels]).toEqual([0, 255, 255, 0, 0, 0, 51, 51]);
    expect(d.gpuLimit).toMatch(/"i.gz" is too large for this GPU: its inputs take/);
  });

  it('names a built-in file the server does not have', async () => {
    const { ctx } = context();
    await expect(
      describeData(
        { ref: { source: 'builtin', name: 'crop-yields' }, datasetsUrl: 'http://127.0.0.1/none/' },
        ctx,
      ),
    ).rejects.toThrow('cannot load the built-in dataset file "crop-yields.csv" (HTTP 404)');
  });
});

describe('image folders', () => {
  /** A PNG of 3 x 2 pixels: grey, or red on its first pixel. */
  const png = (red: boolean) =>
    encodePng({
      width: 3,
      height: 2,
      data: Uint8Array.from({ length: 18 }, (_, i) => (red && i === 0 ? 255 : 60)),
      channels: 3,
      depth: 8,
    });
  const folder = (red: boolean) =>
    new Map([
      ['sky/day/1.png', new Blob([png(red) as Uint8Array<ArrayBuffer>])],
      ['sky/day/2.png', new Blob([png(false) as Uint8Array<ArrayBuffer>])],
      ['sky/night/1.png', new Blob([png(false) as Uint8Array<ArrayBuffer>])],
      ['sky/night/notes.txt', new Blob(['dark'])],
    ]);

  it('previews the first image: its size, grey when R = G = B everywhere', async () => {
    const { ctx } = context();
    const request = (imports: Map<string, Blob>) =>
      dataHandlers['preview-folder']({ type: 'preview-folder', id: 3, path: 'sky', imports }, ctx);
    expect(await request(folder(false))).toEqual({ size: { channels: 1, height: 2, width: 3 } });
    expect(await request(folder(true))).toEqual({ size: { channels: 3, height: 2, width: 3 } });
    expect(await request(new Map([['sky/a.txt', new Blob(['x'])]]))).toEqual({});
  });

  it('describes the folder: RGB samples, class counts, the test split and the files left out', async () => {
    const { ctx } = context();
    const ref: DatasetRef = {
      source: 'folder',
      path: 'sky',
      size: [2, 3],
      channels: 3,
      testSplit: 0.34,
    };
    const description = await describeData({ ref, imports: folder(true) }, ctx);
    expect(description.classCounts).toEqual([2, 1]);
    expect(description.counts).toEqual({ train: 2, validation: 0, test: 1 });
    expect(description.skipped).toEqual(['night/notes.txt (not a PNG or JPEG file)']);
    expect(description.samples).toMatchObject({ channels: 3, rows: 2, cols: 3, labels: [0, 1, 0] });
    // The red pixel in the red plane of the first image only.
    expect(description.samples?.pixels.slice(0, 18)).toEqual(
      Uint8Array.from({ length: 18 }, (_, i) => (i === 0 ? 255 : 60)),
    );
    expect(description.dataShape).toMatchObject({ sampleShape: [3, 2, 3], outputs: 2 });
  });
});
