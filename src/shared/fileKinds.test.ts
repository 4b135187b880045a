import { describe, expect, it } from 'vitest';
import { baseName, fileKind } from './fileKinds';

describe('fileKind', () => {
  it('tells projects, CSV and IDX files and .zip archives apart by name', () => {
    expect(fileKind('Lesson 1.layerboard.json')).toBe('project');
    expect(fileKind('old.JSON')).toBe('project');
    expect(fileKind('yields.csv')).toBe('csv');
    expect(fileKind('train-images-idx3-ubyte.gz')).toBe('idx');
    expect(fileKind('t10k-labels.idx1-ubyte')).toBe('idx');
    expect(fileKind('digits.idx')).toBe('idx');
    expect(fileKind('Shoes.ZIP')).toBe('zip');
    expect(fileKind('photo.png')).toBeUndefined();
    expect(fileKind('train-images-idx9-ubyte')).toBeUndefined();
  });

  it('takes the name from Windows and POSIX paths', () => {
    expect(baseName('/home/a/p.layerboard.json')).toBe('p.layerboard.json');
    expect(baseName('C:\\Users\\a\\p.csv')).toBe('p.csv');
    expect(baseName('p.csv')).toBe('p.csv');
  });
});
