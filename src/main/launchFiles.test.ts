import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesFromArgv } from './launchFiles';

describe('filesFromArgv', () => {
  const exists = new Set([
    resolve('/work/lesson.layerboard.json'),
    resolve('/data/train.csv'),
    resolve('/data/train-images-idx3-ubyte.gz'),
  ]);
  const isFile = (p: string) => exists.has(p);

  it('takes existing projects, CSV and IDX files, resolved against the working directory', () => {
    const argv = [
      '/opt/Layerboard/layerboard',
      '--enable-logging',
      'lesson.layerboard.json',
      '/data/train.csv',
      '/data/train-images-idx3-ubyte.gz',
    ];
    expect(filesFromArgv(argv, '/work', isFile)).toEqual([
      resolve('/work/lesson.layerboard.json'),
      resolve('/data/train.csv'),
      resolve('/data/train-images-idx3-ubyte.gz'),
    ]);
  });

  it('skips the executable, the app folder, options, scripts and missing files', () => {
    const argv = ['electron', '.', 'out/main/index.js', '--inspect', 'missing.layerboard.json'];
    expect(filesFromArgv(argv, '/work', isFile)).toEqual([]);
  });
});
