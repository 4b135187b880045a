import type { Program } from './program';
import {
  type LinearBackwardWeightSpec,
  linearBackwardWeight,
} from './programs/linearBackwardWeight';
import { linearBackwardWeightShared, sharedGradFits } from './programs/linearBackwardWeightShared';
import { type LinearForwardSpec, linearForward } from './programs/linearForward';
import { linearForwardShared, sharedForwardFits } from './programs/linearForwardShared';
import { DEFAULT_TILE, type Tile, tileKey } from './programs/tile';
import type { KernelTuner, TuneRequest, Variant } from './tuner';

/** What the device offers that some variants need. */
export interface KernelCaps {
  /** Subgroups of exactly 4 lanes (SwiftShader and other CPU emulations). */
  readonly quadSubgroups: boolean;
}

/** Where the tuner is worth its time: below this many multiply-adds any variant is quick. */
export const TUNE_MIN_MACS = 1 << 20;

export type ForwardSpec = Omit<LinearForwardSpec, 'tile'>;
export type GradSpec = Omit<LinearBackwardWeightSpec, 'tile'>;

function tiled<S>(make: (spec: S & { tile: Tile }) => Program, tile: Tile): Variant<S> {
  return { id: `tile ${tileKey(tile)}`, make: (spec) => make({ ...spec, tile }) };
}

/**
 * The forward variants worth timing. The register-blocked 8x8 tile comes first: the reference the
 * others are checked against. With 4-lane subgroups, the quad-shared kernel in the two shapes
 * that won on SwiftShader at batch 64 and 128 (about 1.7x the 8x8 tile there; each candidate
 * costs a shader compile at start-up, 0.2-1.5 s on SwiftShader, so there are few); otherwise a
 * smaller tile, for GPUs where 8x8 leaves too few invocations.
 */
export function forwardVariants(spec: ForwardSpec, caps: KernelCaps): Variant<ForwardSpec>[] {
  const variants = [tiled<ForwardSpec>(linearForward, DEFAULT_TILE)];
  if (caps.quadSubgroups && sharedForwardFits(spec)) {
    for (const tile of [
      { rows: 16, cols: 16, workgroup: 4 },
      { rows: 32, cols: 8, workgroup: 4 },
    ]) {
      variants.push({
        id: `quad ${tile.rows}x${tile.cols}w${tile.workgroup}`,
        make: (s) => linearForwardShared(s, tile),
      });
    }
  } else {
    variants.push(tiled<ForwardSpec>(linearForward, { rows: 4, cols: 4, workgroup: 64 }));
  }
  return variants;
}

/** The weight-gradient variants worth timing, as forwardVariants. */
export function gradVariants(spec: GradSpec, caps: KernelCaps): Variant<GradSpec>[] {
  const variants = [tiled<GradSpec>(linearBackwardWeight, DEFAULT_TILE)];
  if (caps.quadSubgroups && sharedGradFits(spec)) {
    for (const tile of [
      { rows: 16, cols: 8, workgroup: 16 },
      { rows: 16, cols: 8, workgroup: 64 },
    ]) {
      variants.push({
        id: `quad ${tile.rows}x${tile.cols}w${tile.workgroup}`,
        make: (s) => linearBackwardWeightShared(s, tile),
      });
    }
  } else {
    variants.push(tiled<GradSpec>(linearBackwardWeight, { rows: 4, cols: 4, workgroup: 64 }));
  }
  return variants;
}
/**
 * The variant to use for `request.spec`: the first (the default tile) for small kernels or
 * without a tuner, otherwise the tuner's pick for this batch size (a smaller last batch reuses it
 * through `make`).
 */
export async function chooseVariant<S>(
  tuner: KernelTuner | undefined,
  request: TuneRequest<S>,
  macs: number,
  signal?: AbortSignal,
): Promise<Variant<S>> {
  const first = request.variants[0]!;
  if (!tuner || macs < TUNE_MIN_MACS) return first;
  const id = await tuner.choose(request, signal);
  return request.variants.find((v) => v.id === id) ?? first;
}
