import { INSIDES_BINS } from '../../backend';
import { bindingsWgsl, type Program } from '../program';

/** Threads of the single workgroup: each takes every 256th value. */
const THREADS = 256;

/** u32 words one histogram takes in the output: min, max (f32 bits), the bins, dead units. */
export const HISTOGRAM_WORDS = INSIDES_BINS + 3;

/** Units whose deadness to count (see LayerInsides.dead): `rows x units x spatial` values. */
export interface DeadUnits {
  readonly rows: number;
  readonly units: number;
  readonly spatial: number;
}

export interface HistogramSpec {
  readonly name: string;
  /** Values to bin: `count` floats of `values` from float `offset`. */
  readonly offset: number;
  readonly count: number;
  /** Where in `insides` (in HISTOGRAM_WORDS records) this histogram goes. */
  readonly slot: number;
  readonly dead?: DeadUnits;
}

/**
 * One histogram of the model's insides in one workgroup (the epoch-end work is small, and one
 * workgroup needs no global atomics, so the counts are the same on every run): the least and
 * greatest finite value by a tree reduction in workgroup memory, then INSIDES_BINS equal bins
 * counted with workgroup atomics ((v - min) * (bins / (max - min)), floored, as
 * train/insides.ts binOf), and with `dead` the units whose every value is at most 0.
 *
 * Bindings: `values` (read), `insides` (`array<u32>`, written at `slot`: min and max as f32 bits,
 * the counts, the dead units).
 */
export function histogramProgram(spec: HistogramSpec): Program {
  const bins = INSIDES_BINS;
  const bindings = [
    { name: 'values', kind: 'read-only-storage', type: 'array<f32>' },
    { name: 'insides', kind: 'storage', type: 'array<u32>' },
  ] as const;
  const dead = spec.dead;
  const key = `histogram:${spec.offset}:${spec.count}:${spec.slot}:${dead ? `${dead.rows}x${dead.units}x${dead.spatial}` : ''}`;
  const deadWgsl = dead
    ? `
  const ROWS = ${dead.rows}u;
  const UNITS = ${dead.units}u;
  const SPATIAL = ${dead.spatial}u;
  for (var u = lid; u < UNITS; u += ${THREADS}u) {
    var alive = false;
    for (var r = 0u; r < ROWS && !alive; r++) {
      let at = OFFSET + (r * UNITS + u) * SPATIAL;
      for (var p = 0u; p < SPATIAL; p++) {
        if (values[at + p] > 0.0) { alive = true; break; }
      }
    }
    if (!alive) { atomicAdd(&deadCount, 1u); }
  }`
    : '';
  return {
    name: spec.name,
    shaderKey: key,
    workgroupSize: [THREADS, 1, 1],
    dispatch: [1, 1, 1],
    bindings,
    wgsl: () => `${bindingsWgsl(bindings)}
const OFFSET = ${spec.offset}u;
const COUNT = ${spec.count}u;
const OUT = ${spec.slot * HISTOGRAM_WORDS}u;
const BINS = ${bins}u;
var<workgroup> lows: array<f32, ${THREADS}>;
var<workgroup> highs: array<f32, ${THREADS}>;
var<workgroup> counts: array<atomic<u32>, ${bins}>;
var<workgroup> deadCount: atomic<u32>;

fn finite(v: f32) -> bool {
  // NaN fails both; the infinities fail the bound.
  return abs(v) <= 3.4028234663852886e38;
}

@compute @workgroup_size(${THREADS}, 1, 1)
fn main(@builtin(local_invocation_index) lid: u32) {
  var low = 3.4028234663852886e38;
  var high = -3.4028234663852886e38;
  for (var i = lid; i < COUNT; i += ${THREADS}u) {
    let v = values[OFFSET + i];
    if (finite(v)) { low = min(low, v); high = max(high, v); }
  }
  lows[lid] = low;
  highs[lid] = high;
  if (lid < BINS) { atomicStore(&counts[lid], 0u); }
  if (lid == 0u) { atomicStore(&deadCount, 0u); }
  workgroupBarrier();
  for (var half = ${THREADS / 2}u; half > 0u; half >>= 1u) {
    if (lid < half) {
      lows[lid] = min(lows[lid], lows[lid + half]);
      highs[lid] = max(highs[lid], highs[lid + half]);
    }
    workgroupBarrier();
  }
  let lo = lows[0];
  let hi = highs[0];
  let scale = select(0.0, f32(BINS) / (hi - lo), hi > lo);
  for (var i = lid; i < COUNT; i += ${THREADS}u) {
    let v = values[OFFSET + i];
    if (finite(v)) {
      let bin = min(BINS - 1u, u32(max(0.0, floor((v - lo) * scale))));
      atomicAdd(&counts[bin], 1u);
    }
  }${deadWgsl}
  workgroupBarrier();
  if (lid == 0u) {
    let any = hi >= lo;
    insides[OUT] = bitcast<u32>(select(0.0, lo, any));
    insides[OUT + 1u] = bitcast<u32>(select(0.0, hi, any));
    insides[OUT + BINS + 2u] = atomicLoad(&deadCount);
  }
  if (lid < BINS) { insides[OUT + 2u + lid] = atomicLoad(&counts[lid]); }
}
`,
  };
}

/** The histogram at `slot` of the read-back `insides` words, and its dead units. */
export function readHistogram(
  words: Uint32Array,
  slot: number,
): { min: number; max: number; counts: number[]; deadUnits: number } {
  const at = slot * HISTOGRAM_WORDS;
  const floats = new Float32Array(words.buffer, words.byteOffset + at * 4, 2);
  return {
    min: floats[0]!,
    max: floats[1]!,
    counts: Array.from(words.subarray(at + 2, at + 2 + INSIDES_BINS)),
    deadUnits: words[at + INSIDES_BINS + 2]!,
  };
}
