import type { Binding, Program } from '../program';
import { chainKey, type ElementwiseOp, usesStep } from './elementwise';
import type { LinearLayer } from './linearLayer';
import { prevChainBindings, prevChainFactorWgsl, prevChainWgsl } from './prevChain';
import { preambleWgsl, STEP_BINDING } from './step';
import { type Tile, tileKey, tileLaunch, tileMainWgsl, vecType } from './tile';

export interface LinearBackwardDataSpec extends LinearLayer {
  /**
   * The elementwise layers fused after the previous Linear, whose pre-activations (`pre`) this
   * kernel reads to carry the gradient on through them; empty when there are none.
   */
  readonly prevOps: readonly ElementwiseOp[];
  readonly seed: number;
  readonly tile: Tile;
}

/**
 * nn.Linear's input gradient, dx = dz W (`[rows][out]` times `[out][in]`), times the derivative
 * of the elementwise layers before it (ReLU's mask and the like) at their own inputs, so the
 * result is the previous Linear's dz, ready for its own backward kernels. Register-blocked like
 * linearForward: each invocation owns tile.rows x tile.cols outputs, W rows loaded as vec4.
 */
export function linearBackwardData(spec: LinearBackwardDataSpec): Program {
  const { rows: M, inFeatures: N, outFeatures: K, tile } = spec;
  const vecK = K % 4 === 0;
  const vecW = N % 4 === 0 && spec.weightOffset % 4 === 0;
  const bindings: Binding[] = [
    ...(usesStep(spec.prevOps) ? [STEP_BINDING] : []),
    { name: 'dz', kind: 'read-only-storage', type: vecType(vecK) },
    { name: 'params', kind: 'read-only-storage', type: vecType(vecW) },
    ...prevChainBindings(spec.prevOps),
    { name: 'dx', kind: 'storage', type: 'array<f32>' },
  ];
  return {
    name: spec.name,
    shaderKey: `linearBackwardData:${M}x${N}x${K}:${spec.weightOffset}:${chainKey(spec.prevOps, spec.seed)}:${tileKey(tile)}`,
    ...tileLaunch(tile, Math.ceil(N / tile.cols), M),
    bindings,
    wgsl() {
      const rowsIdx = Array.from({ length: tile.rows }, (_, r) => r);
      const groups = Array.from({ length: tile.cols / 4 }, (_, g) => g);
      // Row `k` of W at the tile's columns, as vec4s w{j}_{g}.
      const loadW = (k: string, j: number) =>
        groups.map((g) =>
          vecW
            ? `    let w${j}_${g} = params[W_OFF + (${k}) * (N / 4u) + min(i0 / 4u + ${g}u, N / 4u - 1u)];`
            : `    let w${j}_${g} = vec4<f32>(${[0, 1, 2, 3].map((e) => `params[W_OFF + (${k}) * N + min(i0 + ${4 * g + e}u, N - 1u)]`).join(', ')});`,
        );
      const setup = rowsIdx.map(
        (r) => `  let dr${r} = min(row0 + ${r}u, M - 1u) * ${vecK ? 'KV' : 'K'};`,
      );
      const loop: string[] = [];
      if (vecK) {
        // Four rows of W per iteration against one vec4 of dz per output row.
        loop.push('  for (var k = 0u; k < KV; k++) {');
        for (const r of rowsIdx) loop.push(`    let a${r} = dz[dr${r} + k];`);
        for (let j = 0; j < 4; j++) loop.push(...loadW(`4u * k + ${j}u`, j));
        for (const r of rowsIdx) {
          for (const g of groups) {
            const terms = ['x', 'y', 'z', 'w'].map((c, j) => `a${r}.${c} * w${j}_${g}`);
            loop.push(`    acc${r}_${g} += ${terms.join(' + ')};`);
          }
        }
      } else {
        loop.push('  for (var k = 0u; k < K; k++) {');
        for (const r of rowsIdx) loop.push(`    let a${r} = dz[dr${r} + k];`);
        loop.push(...loadW('k', 0));
        for (const r of rowsIdx)
          for (const g of groups) loop.push(`    acc${r}_${g} += a${r} * w0_${g};`);
      }
      loop.push('  }');
      return `${preambleWgsl(bindings)}
const M = ${M}u;
const N = ${N}u;
const K = ${K}u;
${vecK ? `const KV = ${K / 4}u;` : ''}
const W_OFF = ${vecW ? spec.weightOffset / 4 : spec.weightOffset}u;
${prevChainWgsl(spec.prevOps, spec.seed)}
fn store(row: u32, col: u32, v: f32) {
  if (row >= M || col >= N) { return; }
  let i = row * N + col;
  dx[i] = v${prevChainFactorWgsl(spec.prevOps)};
}
${tileMainWgsl(tile, 'i0', setup.join('\n'), loop.join('\n'))}`;
    },
  };
}
