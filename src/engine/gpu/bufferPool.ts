/**
 * GPU buffers reused by (size, usage): a session takes what it needs once, up front, and gives it
 * back when disposed, so a new run of the same model allocates nothing. The byte counters show
 * how much device memory the engine holds and how much of it is in use.
 */
export interface PoolStats {
  /** Bytes of every buffer the pool has created and not destroyed. */
  allocatedBytes: number;
  /** Bytes of the buffers currently acquired. */
  inUseBytes: number;
  buffers: number;
}

export class BufferPool {
  readonly stats: PoolStats = { allocatedBytes: 0, inUseBytes: 0, buffers: 0 };
  private readonly free = new Map<string, GPUBuffer[]>();
  private readonly inUse = new Set<GPUBuffer>();

  constructor(private readonly device: GPUDevice) {}

  /**
   * A buffer of at least `size` bytes (rounded up to 16, the size of a vec4) for `usage`, reused
   * when one is free. Its contents are whatever its last user left: write before reading.
   */
  acquire(size: number, usage: GPUBufferUsageFlags, label: string): GPUBuffer {
    const bytes = Math.max(16, Math.ceil(size / 16) * 16);
    const key = `${bytes}:${usage}`;
    let buffer = this.free.get(key)?.pop();
    if (buffer) {
      buffer.label = label;
    } else {
      buffer = this.device.createBuffer({ label, size: bytes, usage });
      this.stats.allocatedBytes += bytes;
      this.stats.buffers++;
    }
    this.inUse.add(buffer);
    this.stats.inUseBytes += bytes;
    return buffer;
  }

  /** Gives `buffer` back for reuse; the caller must not touch it again. */
  release(buffer: GPUBuffer): void {
    if (!this.inUse.delete(buffer)) throw new Error(`buffer ${buffer.label} is not in use`);
    this.stats.inUseBytes -= buffer.size;
    const key = `${buffer.size}:${buffer.usage}`;
    const list = this.free.get(key);
    if (list) list.push(buffer);
    else this.free.set(key, [buffer]);
  }

  /** Destroys the free buffers (device memory back to the system); acquired ones stay. */
  trim(): void {
    for (const list of this.free.values()) {
      for (const buffer of list) {
        this.stats.allocatedBytes -= buffer.size;
        this.stats.buffers--;
        buffer.destroy();
      }
    }
    this.free.clear();
  }
}
