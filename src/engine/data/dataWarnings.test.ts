import { expect, it } from 'vitest';
import { dataWarnings } from './dataWarnings';
import type { DatasetInfo } from './loadData';

const info = (skipped: readonly string[]): DatasetInfo => ({
  name: 'shoes',
  title: 'shoes',
  source: 'folder',
  task: 'classification',
  sampleShape: [1, 28, 28],
  featureNames: [],
  targetNames: [],
  classes: ['boot', 'sandal'],
  counts: { train: 10, validation: 0, test: 0 },
  skipped,
});

it("names an image folder's files left out, ten at most", () => {
  expect(dataWarnings(info([]))).toEqual([]);
  expect(dataWarnings(info(['boot/a.txt (not a PNG or JPEG file)']))).toEqual([
    '"shoes": 1 file left out, not PNG or JPEG images in a class folder: boot/a.txt (not a PNG or JPEG file)',
  ]);
  const many = Array.from({ length: 12 }, (_, i) => `boot/${i}.txt`);
  const [warning] = dataWarnings(info(many));
  expect(warning).toMatch(
    /^"shoes": 12 files left out, .*: boot\/0\.txt, .*boot\/9\.txt and 2 more$/,
  );
});
