import { describe, expect, it } from 'vitest';
import { blobSource, type DataSource, textSource, withProgress } from './source';

async function collect(source: DataSource): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of source.chunks()) chunks.push(chunk);
  return chunks;
}

describe('sources', () => {
  it('reads a long string in chunks without cutting a surrogate pair', async () => {
    const text = `${'a'.repeat((1 << 20) - 1)}😀${'b'.repeat(10)}`;
    const chunks = await collect(textSource('s', text));
    expect(chunks.length).toBe(2);
    const decoded = chunks.map((c) => new TextDecoder().decode(c)).join('');
    expect(decoded).toBe(text);
  });

  it('streams a File and takes its name', async () => {
    const file = new File(['x,y\n1,2\n'], 'picked.csv');
    const source = blobSource(file);
    expect(source.name).toBe('picked.csv');
    const chunks = await collect(source);
    expect(new TextDecoder().decode(chunks[0])).toBe('x,y\n1,2\n');
    expect(blobSource(new Blob(['z'])).name).toBe('file');
  });

  it('reports the bytes read so far', async () => {
    const seen: number[] = [];
    await collect(
      withProgress(textSource('s', 'x'.repeat((1 << 20) + 5)), (read) => seen.push(read)),
    );
    expect(seen).toEqual([1 << 20, (1 << 20) + 5]);
  });
});
