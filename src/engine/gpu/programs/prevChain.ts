import type { Binding } from '../program';
import { chainWgsl, dropoutHeaderWgsl, type ElementwiseOp, usesStep } from './elementwise';

/**
 * A backward kernel whose result is the previous Linear's dz carries its gradient on through the
 * elementwise layers fused after that Linear (`prevOps`, ReLU and the like): by the chain rule,
 * times their derivative at their own input, the pre-activations `pre` the forward pass kept.
 * These are the three parts of that factor: its binding, its WGSL functions and its use.
 */

/** The forward's saved pre-activations, bound only when there are layers to differentiate. */
export function prevChainBindings(prevOps: readonly ElementwiseOp[]): Binding[] {
  return prevOps.length > 0 ? [{ name: 'pre', kind: 'read-only-storage', type: 'array<f32>' }] : [];
}

/** `prevActGrad` (chainWgsl) and, when they drop units, the dropout hash it needs. */
export function prevChainWgsl(prevOps: readonly ElementwiseOp[], seed: number): string {
  const chain = prevOps.length > 0 ? chainWgsl('prevAct', prevOps) : '';
  return `${dropoutHeaderWgsl(seed, [prevOps])}\n${chain}`;
}

/** The factor to append to the gradient at flat index `i`: empty when there are no layers. */
export function prevChainFactorWgsl(prevOps: readonly ElementwiseOp[]): string {
  if (prevOps.length === 0) return '';
  return ` * prevActGrad(pre[i], i, ${usesStep(prevOps) ? 'stepRec.t' : '0u'})`;
}
