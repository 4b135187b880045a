import { Network } from '../cpu/network';
import { type Dataset, imageSize } from '../data/dataset';
import type { Preprocessing } from '../data/normalize';
import { InputError } from '../errors';
import { argmaxRows } from '../metrics';
import { layerShapes } from '../model/layers';
import type { LayerKind, ModelParams, ModelSpec } from '../model/spec';
import { probabilitiesOf, rawPixels } from './sampleSets';

/** The layers whose outputs are images worth drawing: what a CNN makes of its input. */
const MAP_KINDS: ReadonlySet<LayerKind> = new Set<LayerKind>([
  'conv2d',
  'maxPool2d',
  'avgPool2d',
  'batchNorm2d',
]);

/** Most channels drawn of one layer: a 64-channel conv shows its first 16. */
export const MAX_MAPS = 16;

/** One layer's output for the inspected sample, channel by channel. */
export interface FeatureMapLayer {
  /** The layer's index in ModelSpec.layers. */
  readonly layer: number;
  readonly nodeId: string;
  readonly kind: LayerKind;
  /** The layer's output for one sample, `[channels, rows, cols]`. */
  readonly shape: readonly [number, number, number];
  /** Channels drawn: the first `shown` (at most MAX_MAPS). */
  readonly shown: number;
  /** `[shown][rows * cols]`. */
  readonly values: Float32Array;
  /** Least and greatest value over all its channels: one grey scale for the whole layer. */
  readonly min: number;
  readonly max: number;
}

/** What each conv and pool layer makes of one evaluated image, and what the model says of it. */
export interface FeatureMaps {
  /** The sample's position in the evaluated split (as SampleSet.indices count). */
  readonly index: number;
  /** Epochs behind the parameters that made the maps. */
  readonly epoch: number;
  readonly truth?: number;
  readonly predicted?: number;
  /** The predicted class's probability. */
  readonly probability?: number;
  /** The image as the file holds it, bytes 0..255 (its first channel). */
  readonly image: { readonly rows: number; readonly cols: number; readonly pixels: Uint8Array };
  readonly layers: FeatureMapLayer[];
}

/** The indices of the layers whose outputs are feature maps. */
export function featureMapLayers(model: ModelSpec): number[] {
  return model.layers.flatMap((layer, i) => (MAP_KINDS.has(layer.kind) ? [i] : []));
}

/**
 * Whether the model has feature maps to show: a conv, pool or 2-d batch norm layer.
 *
 * @example
 * hasFeatureMaps(compiled.model); // true for Conv2d -> ReLU -> MaxPool2d -> Flatten -> Linear
 */
export function hasFeatureMaps(model: ModelSpec): boolean {
  return featureMapLayers(model).length > 0;
}

/** What feature maps are computed from: the run's model and parameters, its evaluated split. */
export interface FeatureSource {
  readonly model: ModelSpec;
  readonly params: ModelParams;
  /** Epochs behind `params`. */
  readonly epoch: number;
  readonly data: Dataset;
  readonly preprocessing: Preprocessing;
}

/**
 * The feature maps of evaluated sample `index`: one forward pass of that sample in eval mode
 * (model.eval(): batch norm uses its running statistics, Dropout passes everything) on the CPU
 * reference, keeping the output of every conv, pool and 2-d batch norm layer, as a forward hook
 * on each would in PyTorch. The pass's last output gives the predicted class.
 *
 * @example
 * const maps = featureMaps({ model, params, epoch: 3, data: test, preprocessing }, 0);
 * maps.layers[0]; // { nodeId: 'conv1', shape: [8, 28, 28], shown: 8, values, min, max }
 */
export function featureMaps(source: FeatureSource, index: number): FeatureMaps {
  const { model, params, data } = source;
  const image = imageSize(data.sampleShape);
  if (!image) throw new InputError('feature maps need image samples');
  if (!Number.isInteger(index) || index < 0 || index >= data.count) {
    throw new InputError(`there is no sample ${index}: the split has ${data.count}`);
  }
  const width = image.channels * image.height * image.width;
  const x = data.x.slice(index * width, (index + 1) * width);
  const outputs: Float32Array[] = [];
  const last = new Network(model, params, 0).forward(
    x,
    1,
    { training: false, step: 0 },
    model.layers.length,
    outputs,
  );
  const shapes = layerShapes(model);
  const layers = featureMapLayers(model).map((i): FeatureMapLayer => {
    const [channels, rows, cols] = shapes[i + 1] as [number, number, number];
    const shown = Math.min(channels, MAX_MAPS);
    // A copy: a layer may reuse its output array.
    const values = outputs[i]!.slice(0, shown * rows * cols);
    let min = Infinity;
    let max = -Infinity;
    for (const v of outputs[i]!) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const layer = model.layers[i]!;
    return {
      layer: i,
      nodeId: layer.nodeId,
      kind: layer.kind,
      shape: [channels, rows, cols],
      shown,
      values,
      min,
      max,
    };
  });
  const pixels = rawPixels(data, source.preprocessing, index).slice(0, image.height * image.width);
  const { targets } = data;
  const classes = targets.task === 'classification' ? targets.classes.length : 0;
  let said = {};
  if (targets.task === 'classification' && last.length === classes) {
    const p = probabilitiesOf(last, classes, model.layers.at(-1)?.kind === 'softmax');
    const predicted = argmaxRows(p, 1, classes)[0]!;
    said = { truth: targets.labels[index]!, predicted, probability: p[predicted]! };
  }
  return {
    index,
    epoch: source.epoch,
    ...said,
    image: { rows: image.height, cols: image.width, pixels },
    layers,
  };
}

/** The buffers of feature maps, to transfer rather than copy. */
export function featureMapBuffers(maps: FeatureMaps): ArrayBuffer[] {
  return [
    maps.image.pixels.buffer as ArrayBuffer,
    ...maps.layers.map((l) => l.values.buffer as ArrayBuffer),
  ];
}
