import { MT19937, permutation } from '../random';

/**
 * The order in which each epoch visits the samples, as PyTorch's DataLoader: in order, or (with
 * `shuffle`) a fresh permutation per epoch, and batches of `batchSize` with a smaller last one.
 *
 * The permutations come from one MT19937 seeded with `seed` and drawn epoch after epoch (Fisher-
 * Yates): reproducible from the seed, the same on both backends, but not the stream of
 * torch.randperm, so a shuffled run matches PyTorch only when the PyTorch script is given these
 * permutations (the export can ship them).
 *
 * @example
 * const order = new BatchOrder(97, 16, false, 1);
 * order.stepsPerEpoch; // 7: six batches of 16 and one of 1
 */
export class BatchOrder {
  readonly stepsPerEpoch: number;
  private readonly rng: MT19937;
  private readonly identity: Uint32Array;

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
  nextEpoch(): Uint32Array {
    return this.shuffle ? permutation(this.count, this.rng) : this.identity;
  }

  /** Position and size of batch `step` within an epoch's order. */
  batch(step: number): { start: number; size: number } {
    const start = step * this.batchSize;
    return { start, size: Math.min(this.batchSize, this.count - start) };
  }
}
