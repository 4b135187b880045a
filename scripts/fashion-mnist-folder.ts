// Writes Fashion-MNIST images as PNG files in class subfolders (torchvision's ImageFolder layout),
// the first N of each class from the built-in training set: an image folder to import in the app
// or to train from with `layerboard train`. Folder names are the class number and name
// ("0 T-shirt or top"), so that sorting them keeps Fashion-MNIST's class order.
// Run: npx tsx scripts/fashion-mnist-folder.ts <out-folder> [images per class, default 100]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { FASHION_MNIST_CLASSES } from '../src/engine/data/builtins';
import { loadIdxPair } from '../src/engine/data/idxDataset';
import { nodeFiles } from '../src/engine/data/nodeFiles.node.ts';

const [out, perClassArg = '100'] = process.argv.slice(2);
const perClass = Number(perClassArg);
if (!out || !Number.isInteger(perClass) || perClass < 1) {
  console.error('usage: npx tsx scripts/fashion-mnist-folder.ts <out-folder> [images per class]');
  process.exit(2);
}

const files = nodeFiles(process.cwd());
const train = await loadIdxPair(
  files.builtin('fashion-mnist/train-images-idx3-ubyte.gz'),
  files.builtin('fashion-mnist/train-labels-idx1-ubyte.gz'),
  { name: 'fashion-mnist', classes: FASHION_MNIST_CLASSES },
);
if (train.targets.task !== 'classification') throw new Error('Fashion-MNIST has classes');
const { labels } = train.targets;
const folders = FASHION_MNIST_CLASSES.map((name, k) => `${k} ${name.replace('/', ' or ')}`);
for (const folder of folders) mkdirSync(join(out, folder), { recursive: true });
const written = new Array<number>(folders.length).fill(0);
const [, height, width] = train.sampleShape as [number, number, number];
const size = height * width;
for (let i = 0; i < train.count && written.some((n) => n < perClass); i++) {
  const label = labels[i]!;
  if (written[label]! >= perClass) continue;
  // The loader's [0, 1] floats back to the file's bytes: v / 255 rounds back exactly.
  const pixels = Uint8Array.from(train.x.subarray(i * size, (i + 1) * size), (v) =>
    Math.round(v * 255),
  );
  const name = `${String(i).padStart(5, '0')}.png`;
  writeFileSync(
    join(out, folders[label]!, name),
    encode({ width, height, data: pixels, channels: 1, depth: 8 }),
  );
  written[label]!++;
}
console.log(
  `wrote ${written.reduce((a, b) => a + b, 0)} images in ${folders.length} class folders under ${out}`,
);
