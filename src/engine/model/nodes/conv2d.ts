import { countOf } from '../../../shared/plural';
import { strideNote, windowArithmetic, windowOutput, windowProblem } from './convArithmetic';
import { MAX_LINEAR_WEIGHTS } from './linear';
import { defaultsOf, paramsSchema } from './paramSchema';
import type { LayerBase, NodeDefinition, ParamDescriptor } from './types';

const params: readonly ParamDescriptor[] = [
  {
    key: 'outChannels',
    label: 'Out channels',
    type: 'int',
    min: 1,
    max: 1024,
    default: 8,
    help: 'How many filters this layer learns: each gives one output channel (one feature map).',
  },
  {
    key: 'kernelSize',
    label: 'Kernel size',
    type: 'int',
    min: 1,
    max: 31,
    default: 3,
    help: 'The width and height of each filter, in pixels: 3 means a 3 x 3 window.',
  },
  {
    key: 'stride',
    label: 'Stride',
    type: 'int',
    min: 1,
    max: 31,
    default: 1,
    help: 'How many pixels the filter moves at each step (PyTorch default 1); 2 halves the image.',
  },
  {
    key: 'padding',
    label: 'Padding',
    type: 'int',
    min: 0,
    max: 15,
    default: 0,
    help: 'Zeros added around the image first (PyTorch default 0); padding 1 with a 3 x 3 kernel keeps the size.',
  },
];

export type Conv2dNodeParams = {
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: number;
};

export interface Conv2dLayer extends LayerBase, Conv2dNodeParams {
  readonly kind: 'conv2d';
  readonly inChannels: number;
}

const num = (n: number) => n.toLocaleString('en-US');

/**
 * nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding): each output channel is a
 * learned k x k filter slid over every input channel, plus a bias; `inChannels` comes from the wire.
 */
export const conv2dNode: NodeDefinition<Conv2dNodeParams, Conv2dLayer> = {
  kind: 'conv2d',
  label: 'Conv2d',
  group: 'convolution',
  explanation:
    'Conv2d: slides small learned filters over the image; each filter gives a feature map that lights up where its pattern (an edge, a corner, a texture) appears. Nearby pixels are looked at together, with the same weights everywhere.',
  params,
  schema: paramsSchema(params),
  defaults: defaultsOf(params),
  inferShape(inputShape, p) {
    const problem = windowProblem('Conv2d', inputShape, p);
    if (problem) return { error: problem };
    const [c, h, w] = inputShape as [number, number, number];
    const weights = p.outChannels * c * p.kernelSize * p.kernelSize;
    if (weights > MAX_LINEAR_WEIGHTS) {
      return {
        error: `this Conv2d would hold ${num(weights)} weights, more than the ${num(MAX_LINEAR_WEIGHTS)} one layer can hold: lower Out channels or Kernel size`,
      };
    }
    return { shape: [p.outChannels, windowOutput(h, p), windowOutput(w, p)] };
  },
  summary: ({ outChannels, kernelSize, stride, padding }) =>
    [
      `${countOf(outChannels, 'filter')} of ${kernelSize} x ${kernelSize}`,
      ...(stride !== 1 ? [`stride ${stride}`] : []),
      ...(padding !== 0 ? [`padding ${padding}`] : []),
    ].join(', '),
  note: (inputShape, p) => strideNote(inputShape, p, true),
  arithmetic: (inputShape, p) =>
    inputShape.length === 3 ? windowArithmetic(inputShape, p) : undefined,
  toLayer: (nodeId, inputShape, { outChannels, kernelSize, stride, padding }) => ({
    kind: 'conv2d',
    inChannels: inputShape[0]!,
    outChannels,
    kernelSize,
    stride,
    padding,
    nodeId,
  }),
  tensors: {
    init: 'kaimingUniform',
    shapes: ({ inChannels, outChannels, kernelSize }) => ({
      weight: [outChannels, inChannels, kernelSize, kernelSize],
      bias: [outChannels],
    }),
  },
};
