import type { Parameter } from '../layers';

/**
 * torch.optim's contract: `step` updates the parameters from their gradients, `zeroGrad` clears
 * those; `lr` is the rate the next step uses (`param_groups[0]['lr']`, which a scheduler sets).
 */
export interface Optimizer {
  lr: number;
  step(): void;
  zeroGrad(): void;
}

/** Clears every parameter's gradient (PyTorch's set_to_none=False behaviour). */
export function zeroGrads(params: readonly Parameter[]): void {
  for (const p of params) p.grad.fill(0);
}
