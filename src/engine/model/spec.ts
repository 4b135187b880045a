/**
 * A compiled model: the Sequential chain the graph describes, with every shape known. This is the
 * frozen snapshot a training run works on; both backends take it, so they share one semantics.
 */
export type LayerSpec =
  | { kind: 'linear'; inFeatures: number; outFeatures: number; nodeId: string }
  | { kind: 'flatten'; nodeId: string }
  | { kind: 'relu'; nodeId: string }
  | { kind: 'sigmoid'; nodeId: string }
  | { kind: 'tanh'; nodeId: string }
  | { kind: 'leakyRelu'; negativeSlope: number; nodeId: string }
  | { kind: 'softmax'; nodeId: string }
  | { kind: 'dropout'; p: number; nodeId: string };

export type LayerKind = LayerSpec['kind'];

export interface ModelSpec {
  /** One sample's shape, without the batch dimension: `[3]` for a table, `[28, 28]` for images. */
  readonly inputShape: readonly number[];
  readonly layers: readonly LayerSpec[];
}

/** A Linear layer's parameters in PyTorch's layout: `weight` is `[out][in]` row-major. */
export interface LinearParams {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/** Parameters of every Linear layer of a model, in layer order. */
export type ModelParams = LinearParams[];
