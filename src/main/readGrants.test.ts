import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReadGrants, projectDataPaths, refusedReadMessage } from './readGrants';
import { csvDataset, projectText } from './testing/projectFile';

const encode = (text: string) => new TextEncoder().encode(text);

/** Grants over a disk of `files` (path -> text); `reads` lists what was read, in order. */
function grantsOver(files: Record<string, string>, recent: string[] = []) {
  const chosen = new Set<string>();
  const reads: string[] = [];
  const grants = createReadGrants({
    chosen,
    recent: () => recent,
    read: async (path) => {
      reads.push(path);
      const text = files[path];
      if (text === undefined) throw new Error(`${path} does not exist`);
      return encode(text);
    },
  });
  return { grants, chosen, reads };
}

describe('projectDataPaths', () => {
  it("resolves a project's relative data paths against its folder, and keeps absolute ones", () => {
    expect(
      projectDataPaths('/p/farms.layerboard.json', projectText(csvDataset('farms.csv'))),
    ).toEqual([resolve('/p/farms.csv')]);
    expect(
      projectDataPaths('/p/a.json', encode(projectText(csvDataset('../d/../farms.csv')))),
    ).toEqual([resolve('/farms.csv')]);
    const idx = { source: 'idx', images: '/data/img-idx3-ubyte', labels: 'lbl-idx1-ubyte.gz' };
    expect(projectDataPaths('/p/mnist.layerboard.json', projectText(idx))).toEqual([
      resolve('/data/img-idx3-ubyte'),
      resolve('/p/lbl-idx1-ubyte.gz'),
    ]);
  });

  it('finds none in a built-in dataset, a file that is no project, or one not named .json', () => {
    const builtin = projectText({ source: 'builtin', name: 'crop-yields' });
    expect(projectDataPaths('/p/a.layerboard.json', builtin)).toEqual([]);
    expect(projectDataPaths('/p/a.layerboard.json', '{"format":"layerboard/model"}')).toEqual([]);
    expect(projectDataPaths('/p/a.layerboard.json', 'not json')).toEqual([]);
    expect(projectDataPaths('/p/farms.csv', projectText(csvDataset('/etc/passwd')))).toEqual([]);
  });
});

describe('refusedReadMessage', () => {
  it('starts with the path, as main says "does not exist", and tells how to get the file in', () => {
    expect(refusedReadMessage('/home/ada/farms/farms.csv')).toBe(
      '/home/ada/farms/farms.csv is not a file you opened or imported, and Layerboard reads only those: import farms.csv again (File > Import dataset…)',
    );
    expect(refusedReadMessage('/p/lesson.layerboard.json')).toMatch(
      /: open lesson\.layerboard\.json again \(File > Open…\)$/,
    );
  });
});

describe('read grants', () => {
  it('reads chosen files, and refuses any other without touching the disk', async () => {
    const { grants, chosen, reads } = grantsOver({
      '/p/a.csv': 'x,y',
      '/home/u/.ssh/id_rsa': 'key',
    });
    chosen.add('/p/a.csv');
    expect(new TextDecoder().decode(await grants.readFile('/p/./a.csv'))).toBe('x,y');
    await expect(grants.readFile('/home/u/.ssh/id_rsa')).rejects.toThrow(
      '/home/u/.ssh/id_rsa is not a file you opened or imported',
    );
    await expect(grants.readFile('/p/../home/u/.ssh/id_rsa')).rejects.toThrow(/not a file you/);
    expect(reads).toEqual(['/p/a.csv']);
  });

  it('grants the data files a project names once it is read, relative or absolute', async () => {
    const files = {
      '/p/farms.layerboard.json': projectText(csvDataset('farms.csv')),
      '/p/mnist.layerboard.json': projectText({
        source: 'idx',
        images: '/data/img.idx',
        labels: 'lbl.idx',
      }),
      '/p/farms.csv': 'x,y',
      '/data/img.idx': 'i',
      '/p/lbl.idx': 'l',
    };
    const { grants, chosen } = grantsOver(files);
    chosen.add('/p/farms.layerboard.json');
    chosen.add('/p/mnist.layerboard.json');
    expect(grants.mayRead('/p/farms.csv')).toBe(false);
    await grants.readFile('/p/farms.layerboard.json');
    expect(grants.mayRead('/p/farms.csv')).toBe(true);
    await grants.readFile('/p/mnist.layerboard.json');
    expect(grants.mayRead('/data/img.idx')).toBe(true);
    expect(grants.mayRead('/p/lbl.idx')).toBe(true);
    expect(grants.mayRead('/p/other.csv')).toBe(false);
  });

  it("reads recent projects, and their data without reading the project first (a restart's autosave)", async () => {
    const files = {
      '/p/farms.layerboard.json': projectText(csvDataset('farms.csv')),
      '/p/farms.csv': 'x,y',
    };
    const { grants, reads } = grantsOver(files, [
      '/p/gone.layerboard.json',
      '/p/farms.layerboard.json',
    ]);
    expect(grants.mayRead('/p/farms.layerboard.json')).toBe(true);
    expect(new TextDecoder().decode(await grants.readFile('/p/farms.csv'))).toBe('x,y');
    expect(reads).toEqual(['/p/gone.layerboard.json', '/p/farms.layerboard.json', '/p/farms.csv']);
    await expect(grants.readFile('/p/secret.csv')).rejects.toThrow(/not a file you opened/);
  });

  it('grants from a project it saved only the data the renderer could read when it saved', async () => {
    const files: Record<string, string> = { '/p/a.csv': 'x,y', '/home/u/.ssh/id_rsa': 'key' };
    const { grants, chosen } = grantsOver(files);
    chosen.add('/p/a.csv');
    chosen.add('/p/mine.layerboard.json');
    // A compromised renderer saves over the open project, naming a secret, and reads it back.
    files['/p/mine.layerboard.json'] = projectText(csvDataset('/home/u/.ssh/id_rsa'));
    grants.wrote('/p/mine.layerboard.json', files['/p/mine.layerboard.json']);
    await grants.readFile('/p/mine.layerboard.json');
    expect(grants.mayRead('/home/u/.ssh/id_rsa')).toBe(false);
    // A project saved naming its own data keeps it readable.
    files['/p/mine.layerboard.json'] = projectText(csvDataset('a.csv'));
    grants.wrote('/p/mine.layerboard.json', encode(files['/p/mine.layerboard.json']));
    chosen.delete('/p/a.csv');
    await grants.readFile('/p/mine.layerboard.json');
    expect(grants.mayRead('/p/a.csv')).toBe(true);
  });
});
