/** Why training was judged to have gone wrong, for the UI's doctor and the command line. */
export type Divergence =
  | {
      readonly reason: 'not-finite';
      /** 1-based epoch in which the loss became NaN or infinite. */
      readonly epoch: number;
      readonly message: string;
    }
  | {
      readonly reason: 'exploding';
      /** 1-based epoch in which a batch loss exploded. */
      readonly epoch: number;
      /** The run's first batch loss, and the exploded one. */
      readonly from: number;
      readonly to: number;
      readonly message: string;
    }
  | {
      readonly reason: 'rising';
      /** The epoch losses that kept rising, oldest first. */
      readonly losses: readonly number[];
      readonly message: string;
    }
  | {
      readonly reason: 'weights';
      /** The largest weight or bias in magnitude (NaN or Infinity when not finite). */
      readonly largest: number;
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
 * How many times its first value a batch loss may grow before the run counts as exploding: a
 * loss a thousand times worse than from random weights means the steps overshoot more each time
 * (gradient descent with too large a rate grows the error geometrically), and waiting for the
 * epoch's end only lets the weights overflow.
 */
export const EXPLOSION = 1000;

/** A batch loss EXPLOSION times the run's first one: stop within the epoch, not at its end. */
export function explodingLoss(
  batchLosses: ArrayLike<number>,
  firstLoss: number,
  epoch: number,
): Divergence | undefined {
  for (let i = 0; i < batchLosses.length; i++) {
    const loss = batchLosses[i]!;
    if (loss > EXPLOSION * firstLoss && firstLoss > 0) {
      return {
        reason: 'exploding',
        epoch,
        from: firstLoss,
        to: loss,
        message: `the loss grew from ${firstLoss.toPrecision(4)} to ${loss.toPrecision(4)} in epoch ${epoch}, so each step overshoots further: ${FIX}`,
      };
    }
  }
  return undefined;
}

/**
 * The largest weight a model file may hold. Trained weights of models from inputs on any sane
 * scale stay far below it; beyond it the run has diverged, even if its loss still reads finite.
 */
export const MAX_WEIGHT = 1e12;

/** Parameters that are not finite or beyond MAX_WEIGHT: no model file ever holds them. */
export function explodedWeights(
  params: readonly { readonly weight: Float32Array; readonly bias: Float32Array }[],
): Divergence | undefined {
  let largest = 0;
  for (const { weight, bias } of params) {
    for (const values of [weight, bias]) {
      for (let i = 0; i < values.length; i++) {
        const size = Math.abs(values[i]!);
        // NaN compares false, so it becomes `largest` and stays it.
        if (!(size <= largest) && !Number.isNaN(largest)) largest = size;
      }
    }
  }
  if (largest <= MAX_WEIGHT) return undefined;
  return {
    reason: 'weights',
    largest,
    message: `the weights grew to ${largest.toPrecision(3)}, too large to mean anything: ${FIX}`,
  };
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
