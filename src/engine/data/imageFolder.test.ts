import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../shared/parseProject';
import { describeWith, PYTHON } from '../testing/needs.node';
import { browserFiles } from './browserFiles';
import { type FolderRef, firstImageSize, loadImageFolder } from './imageFolder';
import { prepareData } from './loadData';
import { nodeFiles } from './nodeFiles.node';

/** A 2 x 3 grey PNG whose pixels are all `value`. */
const png = (value: number) =>
  encodePng({ width: 3, height: 2, data: new Uint8Array(6).fill(value), channels: 1, depth: 8 });

/**
 * The fixture folder, in torchvision's ImageFolder layout with what goes wrong in real ones:
 * classes out of order, a class with a subfolder, a text file, a damaged image, a hidden file and
 * an image at the top, outside every class.
 */
const FILES: Record<string, Uint8Array> = {
  'sandal/b.png': png(20),
  'sandal/a.png': png(10),
  'Boot/z.png': png(200),
  'Boot/old/c.png': png(210),
  'Boot/a.PNG': png(190),
  'Boot/notes.txt': new TextEncoder().encode('boots'),
  'Boot/broken.png': Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2),
  'shirt/.DS_Store': Uint8Array.of(0),
  'shirt/s.png': png(100),
  'cover.png': png(0),
};

function writeFolder(files: Record<string, Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'layerboard-folder-'));
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'shoes', path)), { recursive: true });
    writeFileSync(join(root, 'shoes', path), bytes);
  }
  return root;
}

const ref = (path: string, channels: 1 | 3 = 1): FolderRef => ({
  source: 'folder',
  path,
  size: [2, 3],
  channels,
});

describe('an image folder', () => {
  const root = writeFolder(FILES);

  it('reads classes and files in ImageFolder order, leaving out what is not an image', async () => {
    const { data, skipped } = await loadImageFolder(ref('shoes'), nodeFiles(root));
    // Python's sorted(): capitals first. In a class: its own files by name, then its subfolders'.
    expect(data.targets).toMatchObject({ classes: ['Boot', 'sandal', 'shirt'] });
    expect(data.sampleShape).toEqual([1, 2, 3]);
    const firstPixels = Array.from({ length: data.count }, (_, i) =>
      Math.round(data.x[i * 6]! * 255),
    );
    expect(firstPixels).toEqual([190, 200, 210, 10, 20, 100]);
    expect(data.targets.task === 'classification' && [...data.targets.labels]).toEqual([
      0, 0, 0, 1, 1, 2,
    ]);
    expect(data.x[0]).toBe(Math.fround(190 / 255));
    expect(skipped).toEqual([
      'Boot/broken.png (could not be decoded)',
      'Boot/notes.txt (not a PNG or JPEG file)',
      'cover.png (not in a class folder)',
    ]);
  });

  it('repeats grey into three channels when RGB is asked for, channels first', async () => {
    const { data } = await loadImageFolder(ref('shoes', 3), nodeFiles(root));
    expect(data.sampleShape).toEqual([3, 2, 3]);
    expect(Array.from(data.x.subarray(0, 18), (v) => Math.round(v * 255))).toEqual(
      new Array(18).fill(190),
    );
  });

  it('reads a .zip of the folder alike, with or without the folder itself in it', async () => {
    const expected = await loadImageFolder(ref('shoes'), nodeFiles(root));
    const wrapped = zipSync(
      Object.fromEntries(Object.entries(FILES).map(([p, b]) => [`shoes/${p}`, b])),
    );
    const bare = zipSync(FILES);
    writeFileSync(join(root, 'wrapped.zip'), wrapped);
    writeFileSync(join(root, 'bare.zip'), bare);
    for (const name of ['wrapped.zip', 'bare.zip']) {
      const { data, skipped } = await loadImageFolder(ref(name), nodeFiles(root));
      expect(data.x).toEqual(expected.data.x);
      expect(data.targets).toEqual(expected.data.targets);
      // An archive's paths are as it holds them.
      expect(skipped).toEqual(
        name === 'bare.zip' ? expected.skipped : expected.skipped.map((s) => `shoes/${s}`),
      );
    }
  });

  it('offers the size of its first image that decodes, in a folder and in a .zip', async () => {
    writeFileSync(join(root, 'first.zip'), zipSync({ 'a/notes.txt': Uint8Array.of(1), ...FILES }));
    for (const path of ['shoes', 'first.zip']) {
      expect(await firstImageSize(path, nodeFiles(root))).toEqual({
        channels: 1,
        height: 2,
        width: 3,
      });
    }
    const none = writeFolder({ 'a/b.txt': Uint8Array.of(1) });
    expect(await firstImageSize('shoes', nodeFiles(none))).toBeUndefined();
  });

  it("reads a browser's imported folder, its files by their paths under it", async () => {
    const expected = await loadImageFolder(ref('shoes'), nodeFiles(root));
    const imports = new Map(
      Object.entries(FILES).map(([path, bytes]) => [
        `shoes/${path}`,
        new Blob([bytes as Uint8Array<ArrayBuffer>]),
      ]),
    );
    const files = browserFiles({ datasetsUrl: 'http://localhost/datasets/', imports });
    const { data } = await loadImageFolder(ref('shoes'), files);
    expect(data.x).toEqual(expected.data.x);
    await expect(loadImageFolder(ref('boots'), files)).rejects.toThrow(
      'the project reads the folder "boots", which is not loaded in the app',
    );
  });

  it('says what layout is expected when there are no classes, or a class has no image', async () => {
    const flat = writeFolder({ 'a.png': png(1), 'b.png': png(2) });
    await expect(loadImageFolder(ref('shoes'), nodeFiles(flat))).rejects.toThrow(
      '"shoes" holds 2 images but no class subfolders: an image folder holds one subfolder per class',
    );
    const empty = writeFolder({ 'boot/a.png': png(1), 'sandal/readme.txt': png(2) });
    mkdirSync(join(empty, 'shoes', 'shirt'));
    await expect(loadImageFolder(ref('shoes'), nodeFiles(empty))).rejects.toThrow(
      '"shoes": the class folders "sandal", "shirt" hold no PNG or JPEG image',
    );
    await expect(loadImageFolder(ref('shoes/boot/a.png'), nodeFiles(empty))).rejects.toThrow(
      'is a file',
    );
    await expect(loadImageFolder(ref('nowhere'), nodeFiles(empty))).rejects.toThrow(
      'cannot find "nowhere"',
    );
  });

  it('holds out a seeded test split, as for a CSV', async () => {
    const project = parseProject({
      format: 'layerboard/project',
      version: 1,
      graph: { nodes: [], edges: [] },
      dataset: { ...ref('shoes'), testSplit: 0.34 },
      training: {
        loss: 'cross-entropy',
        optimizer: { type: 'sgd', lr: 0.1 },
        batchSize: 2,
        epochs: 1,
        validationSplit: 0.2,
      },
    });
    if (!project.ok) throw new Error(project.error);
    const data = await prepareData(project.value.dataset, project.value.training, nodeFiles(root));
    expect(data.info.counts).toEqual({ train: 3, validation: 1, test: 2 });
    expect(data.preprocessing.imageScale).toBe(1 / 255);
    expect(data.info.skipped).toHaveLength(3);
  });
});

/** ImageFolder's `make_dataset`, as torchvision 0.14 writes it: the reference order. */
const MAKE_DATASET = `
import os, sys
root = sys.argv[1]
classes = sorted(e.name for e in os.scandir(root) if e.is_dir())
for c in classes:
    for dirpath, _, names in sorted(os.walk(os.path.join(root, c), followlinks=True)):
        for name in sorted(names):
            if name.lower().endswith(('.png', '.jpg', '.jpeg')):
                print(os.path.relpath(os.path.join(dirpath, name), root))
`;

const pythonNeed = () => {
  const probe = spawnSync(PYTHON, ['-c', 'pass']);
  return { what: 'Python', missing: probe.status === 0 ? undefined : `no ${PYTHON}` };
};

describeWith(pythonNeed(), "ImageFolder's order", () => {
  it('is ours, for names that sort apart by case, digits, punctuation and past U+FFFF', async () => {
    const names = ['b', 'B', 'a-b', 'a_b', 'a.b', '10', '9', 'é', '😀', 'ﬀ'];
    // Each file's pixels are its number: the samples' pixels name the files in our order.
    const files: Record<string, Uint8Array> = {};
    const paths: string[] = [];
    const add = (path: string) => {
      files[path] = png(paths.length);
      paths.push(path);
    };
    for (const [i, c] of ['x', 'X', 'x y', 'x-y', '😀', 'ﬀ'].entries()) {
      for (const n of names) add(`${c}/${n}.png`);
      add(`${c}/${names[i]!}/in.png`);
    }
    const root = writeFolder(files);
    const run = spawnSync(PYTHON, ['-c', MAKE_DATASET, join(root, 'shoes')], { encoding: 'utf8' });
    const theirs = run.stdout.trim().split('\n');
    const { data } = await loadImageFolder(ref('shoes'), nodeFiles(root));
    const ours = Array.from(
      { length: data.count },
      (_, i) => paths[Math.round(data.x[i * 6]! * 255)],
    );
    expect(ours).toEqual(theirs);
  });
});
