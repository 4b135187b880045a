import { Gunzip } from 'fflate';
import { testSplitOf } from '../../shared/project';
import { browserFiles } from '../data/browserFiles';
import { previewCsv } from '../data/csvPreview';
import { type Dataset, imageSize } from '../data/dataset';
import { readIdx } from '../data/idx';
import { firstImageSize } from '../data/imageFolder';
import { checkDeviceLimits } from '../data/limits';
import { datasetInfo, loadDataset } from '../data/loadData';
import { blobSource, type DataFiles, type DataSource, withProgress } from '../data/source';
import { splitCounts } from '../data/split';
import { classCounts, datasetStats, imageAt, type SampleImage, sampleImages } from '../data/stats';
import { InputError } from '../errors';
import { dataShapeOf } from '../model/dataShape';
import type { DataRequests, DatasetDescription, FilePreview, SampleGrid } from './dataMessages';
import type { HandlerContext, Handlers } from './handlerContext';

/** Least time between two progress notices: often enough for a smooth bar, rare enough to be free. */
const NOTICE_MS = 100;

/** When the last progress notice went, for the many files of an image folder together. */
interface Throttle {
  last: number;
}

/**
 * A source that sends `data-progress` notices as it is read, at most every NOTICE_MS, and at its
 * end, and stops reading when the app cancels the request. The files of a folder share one
 * `throttle`, without a notice at each file's end: thousands of small images make few notices.
 */
function reporting(
  source: DataSource,
  ctx: HandlerContext,
  total: () => number | undefined,
  throttle?: Throttle,
) {
  const clock = throttle ?? { last: 0 };
  return withProgress(source, (read) => {
    // An InputError, not a bug: the worker logs no stack, and the app drops the answer anyway.
    if (ctx.signal.aborted) throw new InputError(`reading "${source.name}" was cancelled`);
    const now = Date.now();
    const size = total();
    const end = read === size && !throttle;
    if (now - clock.last < NOTICE_MS && !end) return;
    clock.last = now;
    ctx.notify({
      type: 'data-progress',
      file: source.name,
      read,
      ...(size ? { total: size } : {}),
    });
  });
}

/**
 * The first bytes of a file, gunzipped when it is gzip'd (magic 1f 8b): enough to tell an IDX file
 * (magic 00 00 08 0N) from a CSV.
 */
async function head(file: Blob): Promise<Uint8Array> {
  const bytes = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  let out = new Uint8Array(0);
  try {
    new Gunzip((chunk) => {
      if (out.length === 0) out = chunk;
    }).push(bytes, false);
  } catch {
    // Not valid gzip: the CSV reader says so ("a gzip archive: unpack it first").
  }
  return out;
}

async function previewFile(file: Blob, name: string, ctx: HandlerContext): Promise<FilePreview> {
  const source = reporting(blobSource(file, name), ctx, () => file.size);
  const magic = await head(file);
  if (magic.length < 4 || magic[0] !== 0 || magic[1] !== 0) {
    return { format: 'csv', csv: await previewCsv(source) };
  }
  // One dimension is a labels file (magic 0x801); anything else is read as images, whose reader
  // explains a wrong dimension count.
  const kind = magic[3] === 1 ? 'labels' : 'images';
  const { dims } = await readIdx(source, kind);
  const [count, rows, cols] = dims as [number, number?, number?];
  return {
    format: 'idx',
    idx: { name, kind, count, ...(rows !== undefined && cols !== undefined ? { rows, cols } : {}) },
  };
}

/** The files a description reads, each reporting progress; built-ins know their size from HTTP. */
function describedFiles(
  datasetsUrl: string,
  imports: ReadonlyMap<string, Blob>,
  ctx: HandlerContext,
): DataFiles {
  const lengths = new Map<string, number>();
  const files = browserFiles({
    datasetsUrl,
    imports,
    fetch: async (url: string | URL | Request) => {
      const response = await fetch(url);
      const length = Number(response.headers.get('content-length'));
      if (length > 0) lengths.set(String(url), length);
      return response;
    },
  });
  const base = datasetsUrl.endsWith('/') ? datasetsUrl : `${datasetsUrl}/`;
  const throttle: Throttle = { last: 0 };
  const folders: string[] = [];
  return {
    open: (path) => {
      const inFolder = folders.some((folder) => path.startsWith(folder));
      const size = () => imports.get(path)?.size;
      return reporting(files.open(path), ctx, size, inFolder ? throttle : undefined);
    },
    list: (path) => {
      folders.push(`${path}/`);
      return files.list(path);
    },
    builtin: (file) =>
      reporting(files.builtin(file), ctx, () => lengths.get(new URL(file, base).href)),
  };
}

/**
 * About `wanted` images for the grid, class by class in turns (one of each class, then a second
 * of each...), so every class shows even when the grid is cut short; pixels back to bytes.
 */
function sampleGrid(data: Dataset, wanted: number): SampleGrid | undefined {
  const image = imageSize(data.sampleShape);
  if (data.targets.task !== 'classification' || !image) return undefined;
  const classes = data.targets.classes.length;
  const perClass = Math.max(1, Math.floor(wanted / classes));
  const byClass: SampleImage[][] = data.targets.classes.map(() => []);
  for (const sample of sampleImages(data, perClass)) byClass[sample.label]!.push(sample);
  const picked: SampleImage[] = [];
  for (let turn = 0; turn < perClass; turn++) {
    for (const samples of byClass) if (samples[turn]) picked.push(samples[turn]!);
  }
  const { channels, height: rows, width: cols } = image;
  const pixels = new Uint8Array(picked.length * channels * rows * cols);
  picked.forEach((s, k) => {
    const image = imageAt(data, s.index);
    for (let i = 0; i < image.length; i++)
      pixels[k * image.length + i] = Math.round(image[i]! * 255);
  });
  return {
    channels,
    rows,
    cols,
    pixels,
    labels: picked.map((s) => s.label),
    indices: picked.map((s) => s.index),
  };
}

async function describeDataset(
  request: DataRequests['describe-dataset']['request'],
  ctx: HandlerContext,
): Promise<DatasetDescription> {
  const { ref, training, datasetsUrl, imports } = request;
  const loaded = await loadDataset(ref, describedFiles(datasetsUrl, imports, ctx));
  const { data, test } = loaded;
  // A CSV or image folder's test split comes out of the same rows, as prepareData cuts it.
  const counts = splitCounts(data.name, data.count, {
    validation: training.validationSplit,
    test: testSplitOf(ref),
  });
  const info = datasetInfo(
    ref,
    loaded,
    { ...counts, test: test?.count ?? counts.test },
    loaded.columns,
  );
  const samples = sampleGrid(data, request.samples ?? 24);
  if (samples) ctx.transfer.push(samples.pixels.buffer);
  const gpu = await ctx.gpu();
  const gpuLimit = gpu && checkDeviceLimits(data, gpu.device.limits.maxStorageBufferBindingSize);
  return {
    ...info,
    stats: datasetStats(data),
    classCounts: classCounts(data),
    ...(samples ? { samples } : {}),
    dataShape: dataShapeOf(info),
    ...(gpuLimit ? { gpuLimit } : {}),
  };
}

/** The worker's handlers for data requests (see dataMessages.ts). */
export const dataHandlers: Handlers<keyof DataRequests> = {
  'preview-folder': async ({ path, imports }) => {
    const size = await firstImageSize(path, browserFiles({ datasetsUrl: 'unused:', imports }));
    return size ? { size } : {};
  },
  'preview-file': (request, ctx) => previewFile(request.file, request.name, ctx),
  'describe-dataset': (request, ctx) => describeDataset(request, ctx),
};
