import { encodedNames, encodingText } from '../data/tableEncoding';
import { layerShapes } from '../model/layers';
import type { ModelFile, ModelFileLayer } from './modelFile';
import { checkedModel } from './modelFileChecks';
import {
  floatAttribute,
  GraphBuilder,
  intAttribute,
  intsAttribute,
  ONNX_INPUT,
  ONNX_OUTPUT,
  onnxName,
  valueInfo,
} from './onnxGraph';
import { modelProtoType } from './onnxSchema';
import { encodeMessage } from './protoEncode';
import { rawInputTransform } from './rawInputTransform';

/** Opset 13: Softmax over one axis (not the flattened 2-D of older opsets), Gemm, Conv, pooling, BatchNormalization. */
export const ONNX_OPSET = 13;
/** The IR version that opset 13 came with (ONNX 1.8). */
const IR_VERSION = 7;

/** The ONNX operator of one layer; Dropout adds none (it is the identity at inference). */
function addLayer(graph: GraphBuilder, layer: ModelFileLayer, index: number): void {
  const nodeId = layer.nodeId ?? `layer${index}`;
  const id = onnxName(nodeId);
  const doc = `Layerboard node ${JSON.stringify(nodeId)}`;
  switch (layer.kind) {
    case 'linear': {
      // nn.Linear is y = x W^T + b: Gemm with transB=1 takes W in PyTorch's [out][in] layout.
      // Parameters are named as PyTorch's exporter names them: `fc1.weight`, `fc1.bias`.
      const w = graph.constant(
        `${id}.weight`,
        [layer.outFeatures, layer.inFeatures],
        layer.weight.flat(),
      );
      const b = graph.constant(`${id}.bias`, [layer.outFeatures], layer.bias);
      graph.node('Gemm', id, [w, b], [intAttribute('transB', 1)], doc);
      return;
    }
    case 'flatten':
      graph.node('Flatten', id, [], [intAttribute('axis', 1)], doc);
      return;
    case 'relu':
      graph.node('Relu', id, [], [], doc);
      return;
    case 'sigmoid':
      graph.node('Sigmoid', id, [], [], doc);
      return;
    case 'tanh':
      graph.node('Tanh', id, [], [], doc);
      return;
    case 'leakyRelu':
      graph.node('LeakyRelu', id, [], [floatAttribute('alpha', layer.negativeSlope)], doc);
      return;
    case 'softmax':
      graph.node('Softmax', id, [], [intAttribute('axis', -1)], doc);
      return;
    case 'dropout':
      return;
    case 'conv2d': {
      const { outChannels: o, inChannels: c, kernelSize: k, stride: s, padding: p } = layer;
      const w = graph.constant(`${id}.weight`, [o, c, k, k], layer.weight.flat(3));
      const b = graph.constant(`${id}.bias`, [o], layer.bias);
      graph.node(
        'Conv',
        id,
        [w, b],
        [
          intsAttribute('kernel_shape', [k, k]),
          intsAttribute('strides', [s, s]),
          intsAttribute('pads', [p, p, p, p]),
        ],
        doc,
      );
      return;
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const { kernelSize: k, stride: s } = layer;
      graph.node(
        layer.kind === 'maxPool2d' ? 'MaxPool' : 'AveragePool',
        id,
        [],
        [intsAttribute('kernel_shape', [k, k]), intsAttribute('strides', [s, s])],
        doc,
      );
      return;
    }
    case 'batchNorm2d':
    case 'batchNorm1d': {
      // Inference: y = (x - running_mean) / sqrt(running_var + eps) * weight + bias. ONNX's
      // momentum means the opposite of PyTorch's and only matters for training, so it is left out.
      const n = [layer.numFeatures];
      const inputs = [
        graph.constant(`${id}.weight`, n, layer.weight),
        graph.constant(`${id}.bias`, n, layer.bias),
        graph.constant(`${id}.running_mean`, n, layer.runningMean),
        graph.constant(`${id}.running_var`, n, layer.runningVar),
      ];
      graph.node('BatchNormalization', id, inputs, [floatAttribute('epsilon', layer.eps)], doc);
      return;
    }
    default:
      throw new Error(`unknown layer ${JSON.stringify(layer satisfies never)}`);
  }
}

/** One sample's output shape: what the last layer leaves. */
function outputShape(file: ModelFile): readonly number[] {
  return layerShapes(checkedModel(file).model).at(-1)!;
}

/** What the input is, in words, for the graph's documentation. */
function inputDoc(file: ModelFile): string {
  const { features, columns } = file.preprocessing;
  if (columns) {
    return `the columns ${columns.map((c) => c.name).join(', ')} encoded (${encodingText(columns)}), in the order of the "inputs" metadata: ${encodedNames(columns).join(', ')}`;
  }
  if (features && features.length > 0) return `raw values of the columns ${features.join(', ')}`;
  if (file.preprocessing.imageScale !== undefined) return 'raw pixel values 0..255';
  return 'raw inputs';
}

/**
 * The model file as an ONNX model (opset 13): raw inputs in, the model's outputs out. The
 * preprocessing comes first as Div/Mul, Sub and Div nodes, so that the ONNX model takes the data
 * as it is in the file; then one operator per layer (Gemm, Conv, MaxPool, AveragePool,
 * BatchNormalization, Relu, Sigmoid, Tanh, LeakyRelu, Softmax, Flatten). Class names and the task travel as metadata.
 *
 * @example
 * const bytes = modelToOnnx(parseModelFileText(text));
 * const session = await ort.InferenceSession.create(bytes);
 */
export function modelToOnnx(file: ModelFile, producerVersion = ''): Uint8Array {
  const graph = new GraphBuilder();
  const { scale, affine } = rawInputTransform(file);
  if (scale) {
    // A scalar constant broadcasts over the whole sample.
    const by = graph.constant(scale.op === 'divide' ? 'scale_divisor' : 'scale', [], [scale.by]);
    graph.node(scale.op === 'divide' ? 'Div' : 'Mul', 'scaled', [by]);
  }
  if (affine) {
    // Constants shaped like one sample broadcast over the batch: (x - offset) / divisor.
    graph.node('Sub', 'centered', [
      graph.constant(affine.offsetName, file.inputShape, affine.offset),
    ]);
    graph.node('Div', 'normalized', [
      graph.constant(affine.divisorName, file.inputShape, affine.divisor),
    ]);
  }
  file.layers.forEach((layer, i) => {
    addLayer(graph, layer, i);
  });
  graph.finish();

  const perClass = file.layers.at(-1)?.kind === 'softmax' ? 'probability' : 'score';
  const outputDoc =
    file.task === 'classification'
      ? `one ${perClass} per class (${(file.classes ?? []).join(', ')})`
      : `one value per target (${(file.targets ?? []).join(', ')})`;
  const metadata: Record<string, string> = {
    task: file.task,
    ...(file.classes ? { classes: JSON.stringify(file.classes) } : {}),
    ...(file.targets ? { targets: JSON.stringify(file.targets) } : {}),
    ...(file.preprocessing.features
      ? { features: JSON.stringify(file.preprocessing.features) }
      : {}),
    ...(file.preprocessing.columns
      ? { inputs: JSON.stringify(encodedNames(file.preprocessing.columns)) }
      : {}),
  };
  return encodeMessage(modelProtoType(), {
    irVersion: IR_VERSION,
    producerName: 'Layerboard',
    ...(producerVersion ? { producerVersion } : {}),
    modelVersion: 1,
    docString: `${file.name ?? 'A model'} trained in Layerboard. Input: ${inputDoc(file)}.`,
    // The default domain (absent: "", ai.onnx) at opset 13.
    opsetImport: [{ version: ONNX_OPSET }],
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: file.name ?? 'layerboard',
      node: graph.nodes,
      initializer: graph.initializers,
      input: [valueInfo(ONNX_INPUT, file.inputShape, inputDoc(file))],
      output: [valueInfo(ONNX_OUTPUT, outputShape(file), outputDoc)],
    },
  });
}
