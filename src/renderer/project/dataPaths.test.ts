import { describe, expect, it } from 'vitest';
import {
  dataFiles,
  folderOf,
  isAbsolutePath,
  mapDataPaths,
  relativeDataPath,
  resolveDataPath,
} from './dataPaths';

describe('data paths of a project', () => {
  it('tells absolute paths on POSIX and Windows from relative ones', () => {
    for (const path of ['/p/a.csv', 'C:\\p\\a.csv', 'c:/p/a.csv', '\\\\server\\share\\a.csv']) {
      expect(isAbsolutePath(path)).toBe(true);
    }
    for (const path of ['a.csv', 'data/a.csv', './a.csv', '../a.csv', 'C:a.csv']) {
      expect(isAbsolutePath(path)).toBe(false);
    }
  });

  it('finds the folder of a file', () => {
    expect(folderOf('/p/q/a.json')).toBe('/p/q');
    expect(folderOf('/a.json')).toBe('/');
    expect(folderOf('C:\\p\\a.json')).toBe('C:\\p');
    expect(folderOf('a.json')).toBe('');
  });

  it('resolves a relative path from the project file’s folder, as the CLI does', () => {
    const project = '/home/ada/farms/farms.layerboard.json';
    expect(resolveDataPath('farms.csv', project)).toBe('/home/ada/farms/farms.csv');
    expect(resolveDataPath('./data/farms.csv', project)).toBe('/home/ada/farms/data/farms.csv');
    expect(resolveDataPath('../shared/farms.csv', project)).toBe('/home/ada/shared/farms.csv');
    expect(resolveDataPath('../../../../x.csv', project)).toBe('/x.csv');
    expect(resolveDataPath('/data/farms.csv', project)).toBe('/data/farms.csv');
    expect(resolveDataPath('farms.csv', '/farms.layerboard.json')).toBe('/farms.csv');
  });

  it('resolves on Windows with its separator, whichever the file used', () => {
    const project = 'C:\\Users\\ada\\farms.layerboard.json';
    expect(resolveDataPath('data/farms.csv', project)).toBe('C:\\Users\\ada\\data\\farms.csv');
    expect(resolveDataPath('..\\farms.csv', project)).toBe('C:\\Users\\farms.csv');
    expect(resolveDataPath('farms.csv', 'C:\\farms.layerboard.json')).toBe('C:\\farms.csv');
  });

  it('cannot resolve a relative path without a project file (a browser, a new project)', () => {
    expect(resolveDataPath('farms.csv', undefined)).toBeUndefined();
    expect(resolveDataPath('/data/farms.csv', undefined)).toBe('/data/farms.csv');
  });

  it('writes data in the project’s folder or below relative to it, with /', () => {
    const project = '/home/ada/farms/farms.layerboard.json';
    expect(relativeDataPath('/home/ada/farms/farms.csv', project)).toBe('farms.csv');
    expect(relativeDataPath('/home/ada/farms/data/farms.csv', project)).toBe('data/farms.csv');
    const windows = 'C:\\Users\\Ada\\farms.layerboard.json';
    expect(relativeDataPath('c:\\users\\ada\\data\\farms.csv', windows)).toBe('data/farms.csv');
  });

  it('keeps data elsewhere absolute, and names (a browser’s) as they are', () => {
    const project = '/home/ada/farms/farms.layerboard.json';
    expect(relativeDataPath('/home/ada/farms2/farms.csv', project)).toBe(
      '/home/ada/farms2/farms.csv',
    );
    expect(relativeDataPath('/data/farms.csv', project)).toBe('/data/farms.csv');
    expect(relativeDataPath('/data/farms.csv', undefined)).toBe('/data/farms.csv');
    expect(relativeDataPath('farms.csv', project)).toBe('farms.csv');
  });

  it('lists and maps the files a dataset reads', () => {
    const csv = {
      source: 'csv' as const,
      path: 'a.csv',
      features: ['x'],
      targets: ['y'],
      task: 'regression' as const,
    };
    const idx = { source: 'idx' as const, images: 'i.gz', labels: 'l.gz' };
    const builtin = { source: 'builtin' as const, name: 'crop-yields' as const };
    expect(dataFiles(csv)).toEqual(['a.csv']);
    expect(dataFiles(idx)).toEqual(['i.gz', 'l.gz']);
    expect(dataFiles(builtin)).toEqual([]);
    expect(mapDataPaths(csv, (p) => `/p/${p}`)).toEqual({ ...csv, path: '/p/a.csv' });
    expect(mapDataPaths(idx, (p) => `/p/${p}`)).toEqual({
      ...idx,
      images: '/p/i.gz',
      labels: '/p/l.gz',
    });
    expect(mapDataPaths(builtin, (p) => `/p/${p}`)).toBe(builtin);
  });
});
