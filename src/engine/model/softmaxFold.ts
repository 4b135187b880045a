import type { LossName } from '../../shared/project';

/**
 * Cross-entropy absorbs a final Softmax. PyTorch's `nn.CrossEntropyLoss` takes scores (logits) and
 * applies log-softmax itself, so a model that ends in Softmax trains on every layer but that one,
 * with the loss computing the stable `log_softmax(z) = z - max(z) - log(sum(exp(z - max(z))))`.
 * Prediction and export keep the Softmax, so the model's outputs are probabilities.
 *
 * The one home of this rule: compile reports it, both backends and the step view train by it, and
 * the PyTorch export writes `net = model[:-1]` by it. `layers` are the model's layers in order
 * (graph nodes, layer specs or a model file's layers: only their kinds are read).
 */
export function foldsFinalSoftmax(
  loss: LossName,
  layers: readonly { readonly kind: string }[],
): boolean {
  return loss === 'cross-entropy' && layers.at(-1)?.kind === 'softmax';
}

/** Layers that training runs: all, or all but a Softmax that cross-entropy folds in. */
export function trainedDepth(loss: LossName, layers: readonly { readonly kind: string }[]): number {
  return layers.length - (foldsFinalSoftmax(loss, layers) ? 1 : 0);
}

export const SOFTMAX_FOLDED_MESSAGE =
  "Cross-entropy applies softmax itself (as PyTorch's nn.CrossEntropyLoss does): this Softmax is folded into one stable log-softmax during training, and kept for predictions.";
