import { describe, expect, it } from 'vitest';
import { BatchOrder } from './batches';

describe('BatchOrder (DataLoader semantics)', () => {
  it('visits the samples in order, in batches with a smaller last one', () => {
    const order = new BatchOrder(97, 16, false, 1);
    expect(order.stepsPerEpoch).toBe(7);
    expect(Array.from(order.nextEpoch().slice(0, 3))).toEqual([0, 1, 2]);
    expect(order.batch(0)).toEqual({ start: 0, size: 16 });
    expect(order.batch(6)).toEqual({ start: 96, size: 1 });
  });

  it('draws a new seeded permutation each epoch, the same for the same seed', () => {
    const a = new BatchOrder(50, 8, true, 3);
    const b = new BatchOrder(50, 8, true, 3);
    const first = a.nextEpoch();
    const second = a.nextEpoch();
    expect(Array.from(first).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    expect(Array.from(second)).not.toEqual(Array.from(first));
    expect(Array.from(b.nextEpoch())).toEqual(Array.from(first));
    expect(Array.from(new BatchOrder(50, 8, true, 4).nextEpoch())).not.toEqual(Array.from(first));
  });

  it("visits the batches PyTorch's DataLoader visits with a generator of the same seed", () => {
    // PyTorch 1.13: DataLoader(TensorDataset(torch.arange(10)), batch_size=3, shuffle=True,
    // generator=torch.Generator().manual_seed(1)), three epochs.
    const order = new BatchOrder(10, 3, true, 1);
    const epochs = [0, 1, 2].map(() => [...order.nextEpoch()]);
    expect(epochs).toEqual([
      [4, 6, 9, 2, 3, 1, 0, 7, 8, 5],
      [6, 8, 5, 1, 3, 7, 2, 4, 0, 9],
      [5, 6, 9, 4, 3, 2, 7, 8, 1, 0],
    ]);
  });
});
