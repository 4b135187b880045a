import type { z } from 'zod';
import type { NodeKind } from '../../../shared/nodeKinds';
import type { NumberLimits } from '../../../shared/numberLimits';

/** Where the editor's palette files a node kind. */
export type NodeGroup = 'input' | 'layers' | 'convolution' | 'activations';

/** One editable parameter of a node kind, as the inspector shows it, with its limits. */
export interface ParamDescriptor extends NumberLimits {
  readonly key: string;
  readonly default: number;
  /** One sentence for the inspector's tooltip. */
  readonly help: string;
  /** The key of the parameter whose value this one takes while unset (a pool's stride). */
  readonly defaultFrom?: string;
}

export type NodeParams = Readonly<Record<string, number>>;

/** A node's output shape (one sample, no batch dimension), or why there is none. */
export type ShapeResult = { readonly shape: number[] } | { readonly error: string };

/** What every compiled layer carries: its kind and the node it came from. */
export interface LayerBase {
  readonly kind: NodeKind;
  readonly nodeId: string;
}

/**
 * The shapes of a layer's tensors, as PyTorch's `state_dict` holds them: `weight` and `bias` are
 * trained; batch norm's running statistics are buffers the optimizer never touches.
 */
export interface TensorShapes {
  readonly weight: readonly number[];
  readonly bias: readonly number[];
  readonly runningMean?: readonly number[];
  readonly runningVar?: readonly number[];
}

/**
 * How a layer's tensors start, as its PyTorch module's `reset_parameters` does it:
 * `kaimingUniform` is nn.Linear's and nn.Conv2d's (weight and bias drawn from the seeded
 * generator, with the fan-in the weight shape gives), `batchNorm` draws nothing (weight 1,
 * bias 0, mean 0, variance 1).
 */
export type TensorInit = 'kaimingUniform' | 'batchNorm';

/**
 * Everything the engine and the editor know about one node kind: its palette entry, its
 * parameters, its shape arithmetic, the text on its node, the layer it compiles to and that
 * layer's tensors. Kept free of React, so the renderer draws from it and the engine compiles
 * from it. A compiled layer holds the node's parameters under the same keys, so `inferShape`
 * also works on a layer.
 */
export interface NodeDefinition<
  P extends NodeParams = NodeParams,
  L extends LayerBase | undefined = LayerBase | undefined,
> {
  /** The Input's definition compiles to no layer; every other one to a layer of its own kind. */
  readonly kind: [L] extends [undefined] ? 'input' : [L] extends [LayerBase] ? L['kind'] : NodeKind;
  /** The PyTorch-like name: "Linear", "ReLU". */
  readonly label: string;
  readonly group: NodeGroup;
  /** One or two plain sentences for students. */
  readonly explanation: string;
  readonly params: readonly ParamDescriptor[];
  /** Validates a node's `params` (defaults filled in); messages come from `params`. */
  readonly schema: z.ZodType<P>;
  /**
   * The parameters a new node starts with; a parameter that follows another (`defaultFrom`) is
   * left out, so that it keeps following it.
   */
  readonly defaults: Partial<P>;
  /** Output shape from the input shape (both without the batch dimension). */
  inferShape(inputShape: readonly number[], params: P): ShapeResult;
  /** Something legal but likely unintended about this node's fit to its input. */
  note?(inputShape: readonly number[], params: P): string | undefined;
  /** The line under the node's name that says how it is set: "256 outputs", "p = 0.5". */
  summary?(params: P): string;
  /**
   * The output size worked out for the student, when it takes arithmetic:
   * "(28 + 2·1 − 3) / 1 + 1 = 28".
   */
  arithmetic?(inputShape: readonly number[], params: P): string | undefined;
  /** The layer this node becomes; `undefined` for the Input node, which is the data itself. */
  toLayer(nodeId: string, inputShape: readonly number[], params: P): L;
  /** The layer's tensors, for kinds that have any, and how they start. */
  readonly tensors?: {
    readonly init: TensorInit;
    shapes(layer: NonNullable<L>): TensorShapes;
  };
}
