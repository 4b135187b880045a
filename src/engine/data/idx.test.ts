import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectInputError } from '../testing/expectInputError.node';
import { readIdx } from './idx';
import { loadIdxPair } from './idxDataset';
import { bytesSource, type DataSource } from './source';

/** An IDX file of unsigned bytes: magic 00 00 08 <ndims>, big-endian dims, then the values. */
function idx(dims: number[], values: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x800 + dims.length);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d);
  out.set(values, 4 + 4 * dims.length);
  return out;
}

const pixels = [0, 255, 51, 102, 0, 0, 0, 255];
const images = idx([2, 2, 2], pixels);
const labels = idx([2], [1, 0]);

/** Delivers bytes in small chunks, as a file stream does. */
function chunked(name: string, bytes: Uint8Array, size = 3): DataSource {
  return {
    name,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    },
  };
}

describe('readIdx', () => {
  it("reads plain and gzip'd files, in any chunking, to the same bytes", async () => {
    for (const bytes of [images, gzipSync(images)]) {
      for (const size of [1, 3, 1000]) {
        const array = await readIdx(chunked('i.idx', bytes, size), 'images');
        expect(array.dims).toEqual([2, 2, 2]);
        expect([...array.data]).toEqual(pixels);
      }
    }
  });
});

describe('loadIdxPair', () => {
  it('scales pixels to [0, 1] as ToTensor does and keeps the labels', async () => {
    const data = await loadIdxPair(bytesSource('i', images), bytesSource('l', gzipSync(labels)), {
      name: 'tiny',
      classes: ['no', 'yes'],
    });
    expect(data).toMatchObject({
      name: 'tiny',
      count: 2,
      sampleShape: [1, 2, 2],
      featureNames: [],
    });
    expect([...data.x]).toEqual(pixels.map((v) => Math.fround(v / 255)));
    expect(data.targets).toMatchObject({ task: 'classification', classes: ['no', 'yes'] });
    if (data.targets.task === 'classification') expect([...data.targets.labels]).toEqual([1, 0]);
  });

  it('names classes 0..max label when the dataset has no names', async () => {
    const data = await loadIdxPair(bytesSource('i', images), bytesSource('l', idx([2], [3, 0])), {
      name: 'n',
    });
    expect(data.targets).toMatchObject({ classes: ['0', '1', '2', '3'] });
  });
});

describe('broken IDX files', () => {
  const load = (img: Uint8Array, lab: Uint8Array = labels) =>
    loadIdxPair(bytesSource('imgs.gz', img), bytesSource('labs.gz', lab), {
      name: 'set',
      classes: ['a', 'b'],
    });

  it('a file that is not IDX', async () => {
    await expectInputError(
      load(new TextEncoder().encode('a,b\n1,2\n')),
      '"imgs.gz" is not a valid IDX images file',
      'does not start with an IDX magic number',
    );
  });

  it('images and labels swapped', async () => {
    await expectInputError(
      load(labels, images),
      '"imgs.gz"',
      /is that of a labels file, but images have 3 dimensions \(magic 0x00000803\). Were the images and labels files swapped/,
    );
  });

  it('a type other than unsigned bytes', async () => {
    const floats = images.slice();
    floats[2] = 0x0d;
    await expectInputError(load(floats), 'it holds 32-bit floats (magic 0x00000d03)');
  });

  it('a file cut short, in its data or its header', async () => {
    await expectInputError(
      load(images.subarray(0, images.length - 1)),
      'the file is cut short',
      '2 images of 2x2 (8 bytes of data), but only 7 follow',
    );
    await expectInputError(
      load(images.subarray(0, 6)),
      'the file ends after 6 bytes, inside its header',
    );
    await expectInputError(load(new Uint8Array(0)), 'the file is empty');
  });

  it('a file longer than its header says', async () => {
    await expectInputError(
      load(Uint8Array.of(...images, 9)),
      'more bytes than its header announces',
    );
  });

  it('a broken gzip file', async () => {
    const gz = gzipSync(images);
    await expectInputError(
      load(gz.subarray(0, gz.length - 12)),
      '"imgs.gz"',
      /cut short|not a valid gzip/,
    );
    const corrupt = gz.slice();
    corrupt[12] = 0xff;
    corrupt[13] = 0xff;
    await expectInputError(load(corrupt), '"imgs.gz"');
  });

  it('image and label counts that differ', async () => {
    await expectInputError(
      load(images, idx([3], [0, 1, 1])),
      '"imgs.gz" holds 2 images but "labs.gz" holds 3 labels',
      /labels file that goes with/,
    );
  });

  it('a label outside the classes', async () => {
    await expectInputError(
      load(images, idx([2], [0, 7])),
      '"labs.gz", label 2: the value 7 is not one of the 2 classes of set',
    );
  });

  it('no images at all', async () => {
    await expectInputError(load(idx([0, 28, 28], [])), 'announces 0 images of 28x28');
  });
});
