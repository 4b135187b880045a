import type { Parameter } from '../layers';

/** torch.optim's contract: `step` updates the parameters from their gradients, `zeroGrad` clears those. */
export interface Optimizer {
  step(): void;
  zeroGrad(): void;
}

/** Clears every parameter's gradient (PyTorch's set_to_none=False behaviour). */
export function zeroGrads(params: readonly Parameter[]): void {
  for (const p of params) p.grad.fill(0);
}
