import type { TrainingSession } from '../backend';

/**
 * Trains `epochs` whole epochs and gives each one's mean training loss (per sample, as
 * `layerboard train` and PyTorch's `total / len(train_set)` give it): what the tests set beside
 * PyTorch's numbers.
 */
export async function epochLosses(session: TrainingSession, epochs: number): Promise<number[]> {
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    await session.train(session.progress.stepsPerEpoch);
    const { sum, samples } = await session.readLoss();
    losses.push(sum / samples);
  }
  return losses;
}
