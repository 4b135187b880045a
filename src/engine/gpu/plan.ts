import type { ModelSpec } from '../model/spec';
import type { ElementwiseOp } from './programs/elementwise';

/**
 * One kernel's worth of the model: a Linear with the elementwise layers after it fused into its
 * epilogue, elementwise layers with no Linear before them, or a Softmax of its own.
 */
export type Stage =
  | {
      readonly kind: 'linear';
      /** Index among the model's Linear layers (its slot in ModelParams). */
      readonly linear: number;
      /** Its index in ModelSpec.layers. */
      readonly layer: number;
      readonly inFeatures: number;
      readonly outFeatures: number;
      readonly ops: readonly ElementwiseOp[];
    }
  | { readonly kind: 'elementwise'; readonly width: number; readonly ops: readonly ElementwiseOp[] }
  | { readonly kind: 'softmax'; readonly width: number };

export function stageWidth(stage: Stage): number {
  return stage.kind === 'linear' ? stage.outFeatures : stage.width;
}

export interface PlanOptions {
  /** Training mode: Dropout drops; in evaluation it is the identity (nn.Module.eval()). */
  readonly training: boolean;
  /**
   * Leave out a final Softmax before cross-entropy, which takes logits: the loss kernel applies
   * the stable log-softmax itself. Prediction keeps it, so outputs are probabilities.
   */
  readonly foldSoftmax: boolean;
}

/**
 * The stages of `model`, fusing every run of elementwise layers into the Linear before it.
 * Flatten is free (activations are row-major already). A model with no stage at all (only
 * Flatten) gets an identity stage, so the loss always reads an activation buffer.
 */
export function planStages(model: ModelSpec, options: PlanOptions): Stage[] {
  const stages: Stage[] = [];
  let width = model.inputShape.reduce((a, b) => a * b, 1);
  let linear = 0;
  const layers = options.foldSoftmax ? model.layers.slice(0, -1) : model.layers;
  layers.forEach((layer, index) => {
    let op: ElementwiseOp;
    switch (layer.kind) {
      case 'flatten':
        return;
      case 'linear':
        if (layer.inFeatures !== width) {
          throw new Error(`layer ${layer.nodeId}: inFeatures ${layer.inFeatures}, input ${width}`);
        }
        stages.push({
          kind: 'linear',
          linear: linear++,
          layer: index,
          inFeatures: layer.inFeatures,
          outFeatures: layer.outFeatures,
          ops: [],
        });
        width = layer.outFeatures;
        return;
      case 'softmax':
        stages.push({ kind: 'softmax', width });
        return;
      case 'dropout':
        if (!options.training || layer.p === 0) return;
        op = { kind: 'dropout', p: layer.p, layer: index };
        break;
      case 'leakyRelu':
        op = { kind: 'leakyRelu', negativeSlope: layer.negativeSlope };
        break;
      case 'conv2d':
      case 'maxPool2d':
      case 'avgPool2d':
      case 'batchNorm2d':
      case 'batchNorm1d':
        throw new Error(`${layer.kind} has no GPU stage yet`);
      default:
        op = { kind: layer.kind };
    }
    const last = stages.at(-1);
    if (last && last.kind !== 'softmax') {
      stages[stages.length - 1] = { ...last, ops: [...last.ops, op] };
    } else {
      stages.push({ kind: 'elementwise', width, ops: [op] });
    }
  });
  if (stages.length === 0) stages.push({ kind: 'elementwise', width, ops: [] });
  return stages;
}
