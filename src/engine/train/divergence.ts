/** Why training was judged to have gone wrong, for the UI's doctor and the command line. */
export type Divergence =
  | {
      readonly reason: 'not-finite';
      /** 1-based epoch in which the loss became NaN or infinite. */
      readonly epoch: number;
      readonly message: string;
    }
  | {
      readonly reason: 'rising';
      /** The epoch losses that kept rising, oldest first. */
      readonly losses: readonly number[];
      readonly message: string;
    };

export interface DivergenceOptions {
  /** Epochs in a row the loss must rise. */
  readonly risingEpochs: number;
  /** ...and by at least this fraction overall, so noise does not count. */
  readonly minRise: number;
}

export const DEFAULT_DIVERGENCE: DivergenceOptions = { risingEpochs: 3, minRise: 0.1 };

const FIX = 'lower the learning rate (try 10 times smaller) or normalise the inputs';

/** A batch loss that is NaN or infinite: the parameters have blown up. */
export function nonFiniteLoss(
  batchLosses: ArrayLike<number>,
  epoch: number,
): Divergence | undefined {
  for (let i = 0; i < batchLosses.length; i++) {
    if (!Number.isFinite(batchLosses[i]!)) {
      return {
        reason: 'not-finite',
        epoch,
        message: `the loss became ${batchLosses[i]} in epoch ${epoch}, so the weights overflowed: ${FIX}`,
      };
    }
  }
  return undefined;
}

/**
 * The epoch loss rising `risingEpochs` epochs in a row, by `minRise` or more overall: steps that
 * overshoot the minimum further each time.
 *
 * @example
 * risingLoss([0.5, 0.6, 0.8, 1.2]); // { reason: 'rising', ... }
 */
export function risingLoss(
  epochLosses: readonly number[],
  options: DivergenceOptions = DEFAULT_DIVERGENCE,
): Divergence | undefined {
  const n = options.risingEpochs;
  if (epochLosses.length < n + 1) return undefined;
  const tail = epochLosses.slice(-(n + 1));
  for (let i = 1; i < tail.length; i++) if (!(tail[i]! > tail[i - 1]!)) return undefined;
  if (tail[n]! < tail[0]! * (1 + options.minRise)) return undefined;
  const path = tail.map((l) => l.toPrecision(4)).join(' -> ');
  return {
    reason: 'rising',
    losses: tail,
    message: `the loss rose ${n} epochs in a row (${path}): ${FIX}`,
  };
}
