import { Network } from '../cpu/network';
import { type Dataset, imageSize, sampleSize } from '../data/dataset';
import type { PreparedData } from '../data/loadData';
import { applyPreprocessing } from '../data/normalize';
import { layerTensors } from '../model/layers';
import type { ModelParams, ModelSpec } from '../model/spec';
import { rawInputs } from './rawInputs';

/** Most weight pictures drawn: a 256-wide first layer shows its first 16. */
const MAX_PICTURES = 16;
/** Most filters drawn: a k x k filter is a few pixels, so a 64-filter conv shows them all. */
const MAX_FILTERS = 64;
/** Most points of a scatter: enough to see the shape, few enough to draw at once. */
const MAX_POINTS = 400;
/** Points along a fitted curve. */
const LINE_POINTS = 64;

/** What the app draws of the model as it learns, beside the losses. */
export type LiveView =
  | {
      /** The first Linear layer's weights on image inputs, one `rows x cols` picture per output. */
      readonly kind: 'weights';
      readonly nodeId: string;
      readonly rows: number;
      readonly cols: number;
      readonly outputs: number;
      /** `[pictures][rows * cols]`: the first `pictures` rows of the weight matrix. */
      readonly pictures: number;
      readonly weights: Float32Array;
    }
  | {
      /**
       * The first Conv2d's filters, when it is the model's first layer with weights: one
       * `size x size` picture per output channel, the mean over its input channels when there
       * are several (one channel's picture each would multiply the pictures by them).
       */
      readonly kind: 'filters';
      readonly nodeId: string;
      /** The kernel size k. */
      readonly size: number;
      readonly inChannels: number;
      readonly outChannels: number;
      /** `[pictures][size * size]`: the first `pictures` filters. */
      readonly pictures: number;
      readonly weights: Float32Array;
    }
  | {
      /**
       * One feature, one target: the points, the model's prediction at each (for the residual
       * plot), and the model's curve over them.
       */
      readonly kind: 'fit';
      readonly feature: string;
      readonly target: string;
      readonly points: {
        readonly x: number[];
        readonly y: number[];
        readonly predicted: number[];
      };
      readonly line: { readonly x: number[]; readonly y: number[] };
    }
  | {
      /** Any other regression: each prediction against its target (a perfect model is y = x). */
      readonly kind: 'predictions';
      readonly targetNames: readonly string[];
      /** `[count][targetNames.length]`. */
      readonly targets: number[];
      readonly predictions: number[];
    };

/** Makes one view from the current parameters. */
export type LiveViewer = (params: ModelParams) => LiveView;

/** Evenly spaced sample positions, at most `max`. */
function spread(count: number, max: number): number[] {
  const n = Math.min(count, max);
  return Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));
}

function forward(model: ModelSpec, params: ModelParams, x: Float32Array, count: number) {
  return new Network(model, params, 0).forward(x, count, { training: false, step: 0 });
}

function weightsViewer(model: ModelSpec, data: Dataset): LiveViewer | undefined {
  const image = imageSize(data.sampleShape);
  if (image?.channels !== 1) return undefined;
  const first = model.layers.findIndex((l) => l.kind === 'linear');
  const layer = model.layers[first];
  // Only a Linear that sees the pixels themselves (after Flatten, maybe Dropout) has pictures.
  const before = model.layers
    .slice(0, first)
    .every((l) => l.kind === 'flatten' || l.kind === 'dropout');
  if (layer?.kind !== 'linear' || !before || layer.inFeatures !== sampleSize(data))
    return undefined;
  const { height: rows, width: cols } = image;
  const pictures = Math.min(layer.outFeatures, MAX_PICTURES);
  return (params) => ({
    kind: 'weights',
    nodeId: layer.nodeId,
    rows,
    cols,
    outputs: layer.outFeatures,
    pictures,
    weights: params[0]!.weight.slice(0, pictures * rows * cols),
  });
}

/**
 * The filters of a Conv2d that is the model's first layer with weights (params[0] is then its
 * weight, `[out][in][k][k]` as nn.Conv2d keeps it); a filter over several input channels is drawn
 * as the mean of its channels' kernels.
 */
export function filtersViewer(model: ModelSpec): LiveViewer | undefined {
  const layer = model.layers.find((l) => layerTensors(l) !== undefined);
  if (layer?.kind !== 'conv2d') return undefined;
  const { nodeId, kernelSize: size, inChannels, outChannels } = layer;
  const pictures = Math.min(outChannels, MAX_FILTERS);
  const area = size * size;
  return (params) => {
    const weight = params[0]!.weight;
    const weights = new Float32Array(pictures * area);
    for (let o = 0; o < pictures; o++) {
      for (let p = 0; p < area; p++) {
        let sum = 0;
        for (let c = 0; c < inChannels; c++) sum += weight[(o * inChannels + c) * area + p]!;
        weights[o * area + p] = sum / inChannels;
      }
    }
    return { kind: 'filters', nodeId, size, inChannels, outChannels, pictures, weights };
  };
}

function fitViewer(model: ModelSpec, prepared: PreparedData, data: Dataset): LiveViewer {
  const { targets } = data;
  if (targets.task !== 'regression') throw new Error('a fit needs regression targets');
  const picked = spread(data.count, MAX_POINTS);
  const raw = rawInputs(data.x, prepared.preprocessing);
  const x = picked.map((i) => raw[i]!);
  const y = picked.map((i) => targets.values[i]!);
  // One feature: sample i's input is x[i], as preprocessed for the model.
  const pointInputs = Float32Array.from(picked, (i) => data.x[i]!);
  const low = Math.min(...x);
  const high = Math.max(...x);
  const lineX = Array.from(
    { length: LINE_POINTS },
    (_, i) => low + ((high - low) * i) / (LINE_POINTS - 1),
  );
  const input = applyPreprocessing(lineX, prepared.preprocessing);
  return (params) => ({
    kind: 'fit',
    feature: data.featureNames[0] ?? 'x',
    target: targets.names[0] ?? 'y',
    points: { x, y, predicted: Array.from(forward(model, params, pointInputs, picked.length)) },
    line: { x: lineX, y: Array.from(forward(model, params, input, LINE_POINTS)) },
  });
}

function predictionsViewer(model: ModelSpec, data: Dataset): LiveViewer {
  const { targets } = data;
  if (targets.task !== 'regression') throw new Error('predictions need regression targets');
  const picked = spread(data.count, MAX_POINTS);
  const width = sampleSize(data);
  const x = new Float32Array(picked.length * width);
  const wanted: number[] = [];
  picked.forEach((s, n) => {
    x.set(data.x.subarray(s * width, (s + 1) * width), n * width);
    for (let j = 0; j < targets.size; j++) wanted.push(targets.values[s * targets.size + j]!);
  });
  return (params) => ({
    kind: 'predictions',
    targetNames: targets.names,
    targets: wanted,
    predictions: Array.from(forward(model, params, x, picked.length)),
  });
}

/**
 * The live view that fits a run, if any: weight pictures for images (the filters of a CNN's first
 * convolution), the fitted curve for one
 * feature and one target (the line-fit lesson), predictions against targets for other
 * regressions. Each view is computed on the CPU reference from a copy of the parameters, so the
 * GPU only has to read its parameters back.
 *
 * @example
 * const viewer = liveViewer(model, prepared);
 * if (viewer) notify({ type: 'train-view', view: viewer(await session.getParams()) });
 */
export function liveViewer(model: ModelSpec, prepared: PreparedData): LiveViewer | undefined {
  const data = prepared.train;
  if (data.targets.task === 'classification') {
    return weightsViewer(model, data) ?? filtersViewer(model);
  }
  if (data.featureNames.length === 1 && data.targets.size === 1) {
    return fitViewer(model, prepared, data);
  }
  return predictionsViewer(model, prepared.validation ?? data);
}

/** The buffers of a view, to transfer rather than copy. */
export function liveViewBuffers(view: LiveView): ArrayBuffer[] {
  return view.kind === 'weights' || view.kind === 'filters'
    ? [view.weights.buffer as ArrayBuffer]
    : [];
}
