import type { z } from 'zod';
import type { NodeKind } from '../../../shared/nodeKinds';
import type { NumberLimits } from '../../../shared/numberLimits';
import type { LayerSpec } from '../spec';

/** Where the editor's palette files a node kind. */
export type NodeGroup = 'input' | 'layers' | 'activations';

/** One editable parameter of a node kind, as the inspector shows it, with its limits. */
export interface ParamDescriptor extends NumberLimits {
  readonly key: string;
  readonly default: number;
  /** One sentence for the inspector's tooltip. */
  readonly help: string;
}

export type NodeParams = Readonly<Record<string, number>>;

/** A node's output shape (one sample, no batch dimension), or why there is none. */
export type ShapeResult = { readonly shape: number[] } | { readonly error: string };

/**
 * Everything the engine and the editor know about one node kind: its palette entry, its
 * parameters, its shape arithmetic and the layer it compiles to. Kept free of React, so the
 * renderer draws from it and the engine compiles from it.
 */
export interface NodeDefinition<P extends NodeParams = NodeParams> {
  readonly kind: NodeKind;
  /** The PyTorch-like name: "Linear", "ReLU". */
  readonly label: string;
  readonly group: NodeGroup;
  /** One or two plain sentences for students. */
  readonly explanation: string;
  readonly params: readonly ParamDescriptor[];
  /** Validates a node's `params` (defaults filled in); messages come from `params`. */
  readonly schema: z.ZodType<P>;
  readonly defaults: P;
  /** Output shape from the input shape (both without the batch dimension). */
  inferShape(inputShape: readonly number[], params: P): ShapeResult;
  /** The layer this node becomes; `undefined` for the Input node, which is the data itself. */
  toLayer(nodeId: string, inputShape: readonly number[], params: P): LayerSpec | undefined;
  /** Number of trainable values (weights and biases). */
  paramCount(inputShape: readonly number[], params: P): number;
}
