import type { NODE_DEFINITIONS } from './nodes';

type Definitions = typeof NODE_DEFINITIONS;

/**
 * A compiled layer: one per node of the chain after the Input, as each node kind's definition
 * builds it (`toLayer`), so a new kind adds its layer here by being registered.
 */
export type LayerSpec = {
  [K in keyof Definitions]: NonNullable<ReturnType<Definitions[K]['toLayer']>>;
}[keyof Definitions];

export type LayerKind = LayerSpec['kind'];

/** The layer of one kind: `LayerOf<'conv2d'>`. */
export type LayerOf<K extends LayerKind> = Extract<LayerSpec, { kind: K }>;

/**
 * A compiled model: the Sequential chain the graph describes, with every shape known. This is the
 * frozen snapshot a training run works on; both backends take it, so they share one semantics.
 */
export interface ModelSpec {
  /** One sample's shape, without the batch dimension: `[3]` for a table, `[1, 28, 28]` for images. */
  readonly inputShape: readonly number[];
  readonly layers: readonly LayerSpec[];
}

/**
 * One layer's tensors in PyTorch's layout, flat and row-major: `weight` is `[out][in]` for a
 * Linear and `[out][in][k][k]` for a Conv2d; batch norm adds its running statistics.
 */
export interface LayerParams {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  readonly runningMean?: Float32Array;
  readonly runningVar?: Float32Array;
}

/** The tensors of every layer that has any (Linear, Conv2d, batch norm), in layer order. */
export type ModelParams = LayerParams[];
