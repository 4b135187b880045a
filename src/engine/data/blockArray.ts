/** Values in the first block, and the most in any block (1 Mi values, 4 MB of float32). */
const FIRST_BLOCK = 1024;
const MAX_BLOCK = 1 << 20;

type TypedArray = Float32Array | Int32Array;

/**
 * A typed array built by appending values of unknown count, in blocks: growing never
 * copies what is there (a doubling array would copy and briefly hold twice the data). `toArray`
 * joins the blocks once at the end.
 */
export class BlockArray<T extends TypedArray> {
  private readonly blocks: T[] = [];
  private current: T;
  private used = 0;
  private total = 0;

  constructor(private readonly create: (length: number) => T) {
    this.current = create(FIRST_BLOCK);
  }

  get length(): number {
    return this.total;
  }

  push(value: number): void {
    if (this.used === this.current.length) {
      this.blocks.push(this.current);
      // Blocks grow with the data (each as large as all before it), up to MAX_BLOCK.
      this.current = this.create(Math.min(MAX_BLOCK, this.total));
      this.used = 0;
    }
    this.current[this.used++] = value;
    this.total++;
  }

  /** All values in one array; the builder is spent afterwards. */
  toArray(): T {
    const out = this.create(this.total);
    let offset = 0;
    for (const block of this.blocks) {
      out.set(block, offset);
      offset += block.length;
    }
    out.set(this.current.subarray(0, this.used), offset);
    this.blocks.length = 0;
    return out;
  }
}

export const float32Blocks = (): BlockArray<Float32Array> =>
  new BlockArray((n) => new Float32Array(n));
export const int32Blocks = (): BlockArray<Int32Array> => new BlockArray((n) => new Int32Array(n));
