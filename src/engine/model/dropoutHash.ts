/**
 * The dropout mask as a pure function of (seed, layer, step, element), so the CPU and WebGPU
 * backends drop the same units and their numbers can be compared. The hash is the PCG-RXS-M-XS
 * 32-bit permutation (Jarzynski and Olano, "Hash Functions for GPU Rendering", JCGT 2020); the GPU
 * uses DROPOUT_HASH_WGSL, the same arithmetic on u32.
 */
export function pcgHash(v: number): number {
  const state = (Math.imul(v >>> 0, 747796405) + 2891336453) >>> 0;
  const word = Math.imul(((state >>> ((state >>> 28) + 4)) ^ state) >>> 0, 277803737) >>> 0;
  return ((word >>> 22) ^ word) >>> 0;
}

/** A uniform number in [0, 1) with 24 bits for element `index` of `layer`'s output at `step`. */
export function dropoutUniform(seed: number, layer: number, step: number, index: number): number {
  const h = pcgHash((index + pcgHash((step + pcgHash((seed + layer) >>> 0)) >>> 0)) >>> 0);
  return (h >>> 8) / 0x1000000;
}

/** The WGSL twin of `pcgHash` and `dropoutUniform`. */
export const DROPOUT_HASH_WGSL = /* wgsl */ `
fn pcgHash(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}
fn dropoutUniform(seed: u32, layer: u32, step: u32, index: u32) -> f32 {
  let h = pcgHash(index + pcgHash(step + pcgHash(seed + layer)));
  return f32(h >> 8u) / 16777216.0;
}
`;
