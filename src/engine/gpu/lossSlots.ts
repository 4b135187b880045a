// The training losses of a session: each step's loss kernel writes its batch's mean loss into
// the next slot of a GPU buffer, so training reads nothing back; a drain copies the used slots to
// the CPU in one readback when the buffer is full or the losses are asked for. The slots keep
// which slot each step writes and how many rows stand behind each loss.

import type { LossReadout } from '../backend';
import type { GpuRunner } from './runner';
import { LOSS_SLOTS } from './sessionBuffers';

export class LossSlots {
  /** Rows of the batch behind each used slot of the loss buffer. */
  private slotRows: number[] = [];
  /** Drained losses and their batches' rows, until the next read. */
  private values: number[] = [];
  private rows: number[] = [];

  constructor(
    private readonly runner: GpuRunner,
    private readonly buffer: GPUBuffer,
  ) {}

  /** Slots written since the last drain: the next step writes slot `used`. */
  get used(): number {
    return this.slotRows.length;
  }

  /** Steps that can still be encoded before a drain. */
  get free(): number {
    return LOSS_SLOTS - this.slotRows.length;
  }

  /** Takes the next slots for steps whose batches have `rows` rows each. */
  fill(rows: readonly number[]): void {
    this.slotRows.push(...rows);
  }

  /** Moves the losses on the GPU to the CPU side (one readback), freeing their slots. */
  async drain(): Promise<void> {
    const used = this.slotRows.length;
    if (used === 0) return;
    const [bytes] = await this.runner.read([{ buffer: this.buffer, offset: 0, size: used * 4 }]);
    this.values.push(...new Float32Array(bytes!));
    this.rows.push(...this.slotRows);
    this.slotRows = [];
  }

  /** Every loss since the last read, and their sum weighted by batch rows (see LossReadout). */
  async read(): Promise<LossReadout> {
    await this.drain();
    const { values, rows } = this;
    let sum = 0;
    let samples = 0;
    values.forEach((loss, i) => {
      sum += loss * rows[i]!;
      samples += rows[i]!;
    });
    this.values = [];
    this.rows = [];
    return { batchLosses: Float32Array.from(values), sum, samples };
  }
}
