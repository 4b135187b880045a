import { MT19937, randperm } from '../random';

/**
 * The order in which each epoch visits the samples, as PyTorch's
 * `DataLoader(data, batch_size, shuffle, generator=torch.Generator().manual_seed(seed))`: in order,
 * or (with `shuffle`) a fresh permutation per epoch, and batches of `batchSize` with a smaller
 * last one. The exported PyTorch script builds exactly that DataLoader, so a shuffled run visits
 * the same samples in the same batches in the app and in PyTorch.
 *
 * The shuffled stream is the DataLoader's, draw for draw (PyTorch 1.13, checked against it in
 * batches.test.ts): each epoch's iterator first takes a 64-bit base seed for its workers from the
 * generator (two 32-bit draws), then RandomSampler draws `randperm(n)` and, once the epoch's
 * samples are used up, one more `randperm(n)` of which it keeps nothing (`[:num_samples % n]`).
 *
 * @example
 * const order = new BatchOrder(97, 16, false, 1);
 * order.stepsPerEpoch; // 7: six batches of 16 and one of 1
 */
export class BatchOrder {
  readonly stepsPerEpoch: number;
  private readonly rng: MT19937;
  private readonly identity: Uint32Array<ArrayBuffer>;

  constructor(
    readonly count: number,
    readonly batchSize: number,
    readonly shuffle: boolean,
    seed: number,
  ) {
    if (count <= 0) throw new Error('cannot train on an empty dataset');
    this.stepsPerEpoch = Math.ceil(count / batchSize);
    this.rng = new MT19937(seed);
    this.identity = Uint32Array.from({ length: count }, (_, i) => i);
  }

  /** The sample indices of the next epoch, in visiting order. Call once per epoch, in order. */
  nextEpoch(): Uint32Array<ArrayBuffer> {
    if (!this.shuffle) return this.identity;
    this.skip(2);
    const order = randperm(this.count, this.rng);
    this.skip(this.count - 1);
    return order;
  }

  /** Position and size of batch `step` within an epoch's order. */
  batch(step: number): { start: number; size: number } {
    const start = step * this.batchSize;
    return { start, size: Math.min(this.batchSize, this.count - start) };
  }

  private skip(draws: number): void {
    for (let i = 0; i < draws; i++) this.rng.nextUint32();
  }
}
