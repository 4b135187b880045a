import { nodeDefinition, type TensorInit, type TensorShapes } from './nodes';
import { shapeSize } from './shapeText';
import type { LayerSpec, ModelSpec } from './spec';

/**
 * What a compiled layer is, asked of its node kind's definition: a layer holds its node's
 * parameters under the same keys, so the definition's shape arithmetic and tensor shapes apply.
 */
function definitionOf(layer: LayerSpec) {
  return nodeDefinition(layer.kind);
}

/** The layer's output shape (one sample) for its input shape; throws if they do not fit. */
export function layerOutputShape(layer: LayerSpec, inputShape: readonly number[]): number[] {
  const result = definitionOf(layer).inferShape(
    inputShape,
    layer as unknown as Readonly<Record<string, number>>,
  );
  if ('error' in result) throw new Error(`layer ${layer.nodeId}: ${result.error}`);
  return result.shape;
}

/** The input shape of every layer, and the model's output shape last: `layers.length + 1` shapes. */
export function layerShapes(model: ModelSpec): (readonly number[])[] {
  const shapes: (readonly number[])[] = [model.inputShape];
  for (const layer of model.layers) shapes.push(layerOutputShape(layer, shapes.at(-1)!));
  return shapes;
}

/** The layer's tensors and how they start, for kinds that have any (Linear, Conv2d, batch norm). */
export function layerTensors(
  layer: LayerSpec,
): { readonly init: TensorInit; readonly shapes: TensorShapes } | undefined {
  const tensors = definitionOf(layer).tensors;
  return tensors && { init: tensors.init, shapes: tensors.shapes(layer) };
}

/** The layers that have tensors, in order: the ones ModelParams holds an entry for. */
export function tensorLayers(model: ModelSpec): LayerSpec[] {
  return model.layers.filter((layer) => definitionOf(layer).tensors !== undefined);
}

/** Trainable values of a layer (weight and bias; batch norm's running statistics are not). */
export function trainableCount(layer: LayerSpec): number {
  const tensors = layerTensors(layer);
  return tensors ? shapeSize(tensors.shapes.weight) + shapeSize(tensors.shapes.bias) : 0;
}
