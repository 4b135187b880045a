// Data-layer timings, through the same loaders the command line uses.
// 1. The full Fashion-MNIST training set: stream, gunzip with fflate, check the IDX headers,
//    convert to float32 in [0, 1] (budget: under 3 s on the 2-vCPU development machine).
// 2. A generated 100 MB CSV: preview and csvToDataset, streaming, with the peak memory used.
// Run: npx tsx scripts/bench-data.ts
import { createWriteStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FASHION_MNIST_CLASSES } from '../src/engine/data/builtins';
import { csvToDataset } from '../src/engine/data/csvDataset';
import { previewCsv } from '../src/engine/data/csvPreview';
import { loadIdxPair } from '../src/engine/data/idxDataset';
import { nodeFileSource, nodeFiles } from '../src/engine/data/nodeFiles.node.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function fashion(): Promise<void> {
  const files = nodeFiles(process.cwd());
  const runs: number[] = [];
  let shape = '';
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const train = await loadIdxPair(
      files.builtin('fashion-mnist/train-images-idx3-ubyte.gz'),
      files.builtin('fashion-mnist/train-labels-idx1-ubyte.gz'),
      { name: 'fashion-mnist', classes: FASHION_MNIST_CLASSES },
    );
    runs.push(performance.now() - start);
    shape = `${train.count} x ${train.sampleShape.join('x')}`;
  }
  console.log(
    `fashion-mnist train (${shape}): first load ${seconds(runs[0]!)}, then ${runs.slice(1).map(seconds).join(', ')} (budget 3 s)`,
  );
}

async function bigCsv(): Promise<void> {
  const path = join(tmpdir(), `layerboard-bench-${process.pid}.csv`);
  const out = createWriteStream(path);
  out.write('id,a,b,c,d,e,f,g,label\n');
  let rows = 0;
  let bytes = 0;
  while (bytes < 100 * 1024 * 1024) {
    const line = `${rows},${Array.from({ length: 7 }, () => (Math.random() * 1000).toFixed(4)).join(',')},${rows % 10}\n`;
    bytes += line.length;
    rows++;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  try {
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const base = process.memoryUsage().rss;
    let start = performance.now();
    const preview = await previewCsv(nodeFileSource(path));
    const previewTime = performance.now() - start;
    start = performance.now();
    const data = await csvToDataset(nodeFileSource(path), preview.suggestion);
    const loadTime = performance.now() - start;
    clearInterval(timer);
    console.log(
      `csv ${mb(bytes)} (${rows.toLocaleString('en-US')} rows, ${preview.suggestion.task}, ${data.featureNames.length} features): preview ${seconds(previewTime)}, csvToDataset ${seconds(loadTime)}; memory over the start ${mb(peak - base)} at most (the dataset itself ${mb(data.x.byteLength)})`,
    );
  } finally {
    rmSync(path, { force: true });
  }
}

await fashion();
await bigCsv();
