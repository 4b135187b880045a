import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readUserFile, writeFileAtomic } from './fileIo';

const dir = () => mkdtempSync(join(tmpdir(), 'layerboard-io-'));

describe('readUserFile', () => {
  it('reads a file as bytes', async () => {
    const path = join(dir(), 'a.csv');
    writeFileSync(path, 'x,y\n1,2\n');
    expect(new TextDecoder().decode(await readUserFile(path))).toBe('x,y\n1,2\n');
  });

  it('says clearly when the file is missing, a folder, or too big', async () => {
    const folder = dir();
    await expect(readUserFile(join(folder, 'none.csv'))).rejects.toThrow(/does not exist/);
    await mkdir(join(folder, 'sub'));
    await expect(readUserFile(join(folder, 'sub'))).rejects.toThrow(/is not a file/);
    const path = join(folder, 'big.csv');
    writeFileSync(path, 'x'.repeat(100));
    await expect(readUserFile(path, 10)).rejects.toThrow(/100 bytes, more than the 10/);
  });
});

describe('writeFileAtomic', () => {
  it('writes text and bytes, replacing what was there, leaving no temporary file', async () => {
    const folder = dir();
    const path = join(folder, 'p.layerboard.json');
    await writeFileAtomic(path, 'old');
    await writeFileAtomic(path, new Uint8Array([110, 101, 119]));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(folder)).toEqual(['p.layerboard.json']);
  });

  it('fails without leaving anything when the folder does not exist', async () => {
    const folder = dir();
    await expect(writeFileAtomic(join(folder, 'missing', 'p.json'), 'x')).rejects.toThrow();
    expect(readdirSync(folder)).toEqual([]);
  });
});
