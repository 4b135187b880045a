import type { InitialWeights } from '../../shared/project';
import { InputError } from '../errors';
import { MT19937 } from '../random';
import { layerTensors, tensorLayers } from './layers';
import { nodeDefinition, type TensorShapes } from './nodes';
import type { LayerParams, LayerSpec, ModelParams, ModelSpec } from './spec';
import { flatTensor, shapeBrackets, TENSOR_NAMES, TensorProblem } from './tensors';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * `tensor.uniform_(-bound, bound)` on the CPU, as PyTorch 1.13 computes it: the bounds become
 * float32, each draw is 24 random bits u in [0, 1), and the value u * (to - from) + from is
 * computed in double and then rounded to float32 (at::uniform_real_distribution).
 */
function uniform(out: Float32Array, bound: number, rng: MT19937): void {
  const from = Math.fround(-bound);
  const to = Math.fround(bound);
  const range = Math.fround(to - from);
  for (let i = 0; i < out.length; i++) out[i] = rng.nextFloat24() * range + from;
}

/**
 * nn.Linear's and nn.Conv2d's reset_parameters: kaiming_uniform_(weight, a=sqrt(5)), whose bound
 * sqrt(3) * gain / sqrt(fan_in) with gain = sqrt(2 / (1 + a^2)) is 1/sqrt(fan_in) up to the last
 * bit (computed here with the same double operations as torch.nn.init), then the bias from
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)). fan_in is the weight's size per output: in features, or
 * in channels x k x k.
 */
function kaimingUniform(shapes: TensorShapes, rng: MT19937): LayerParams {
  const fanIn = size(shapes.weight.slice(1));
  const gain = Math.sqrt(2.0 / (1 + Math.sqrt(5) ** 2));
  const weight = new Float32Array(size(shapes.weight));
  uniform(weight, Math.sqrt(3.0) * (gain / Math.sqrt(fanIn)), rng);
  const bias = new Float32Array(size(shapes.bias));
  uniform(bias, 1 / Math.sqrt(fanIn), rng);
  return { weight, bias };
}

/** nn.BatchNorm's reset_parameters and reset_running_stats: no draw from the generator. */
function batchNormStart(shapes: TensorShapes): LayerParams {
  const n = size(shapes.weight);
  return {
    weight: new Float32Array(n).fill(1),
    bias: new Float32Array(n),
    runningMean: new Float32Array(n),
    runningVar: new Float32Array(n).fill(1),
  };
}

/**
 * PyTorch's default initialisation: the values `torch.manual_seed(seed)` followed by building the
 * model's nn.Sequential gives, layer by layer in module order.
 *
 * @example
 * initParams({ inputShape: [3], layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' }] }, 1)[0].bias;
 * // Float32Array [-0.11877556, 0.29372340], as torch.manual_seed(1); nn.Linear(3, 2).bias
 */
export function initParams(model: ModelSpec, seed: number): ModelParams {
  const rng = new MT19937(seed);
  return tensorLayers(model).map((layer) => {
    const { init, shapes } = layerTensors(layer)!;
    return init === 'kaimingUniform' ? kaimingUniform(shapes, rng) : batchNormStart(shapes);
  });
}

const FIX = "fix them, or delete the entry to start from PyTorch's initialisation";

/** One layer's given tensors, each checked against its shape. */
function givenParams(
  layer: LayerSpec,
  shapes: TensorShapes,
  given: Readonly<Record<string, unknown>>,
): LayerParams {
  const label = `${nodeDefinition(layer.kind).label} "${layer.nodeId}"`;
  const out: Record<string, Float32Array> = {};
  for (const name of TENSOR_NAMES) {
    const shape = shapes[name];
    if (!shape) continue;
    const where = `weights.${layer.nodeId}.${name}`;
    if (given[name] === undefined) {
      throw new InputError(
        `${where}: missing; ${label} needs ${shapeBrackets(shape)} values: ${FIX}`,
      );
    }
    try {
      out[name] = flatTensor(given[name], shape);
    } catch (err) {
      if (!(err instanceof TensorProblem)) throw err;
      throw new InputError(
        `${where}${err.path}: ${err.problem} (${shapeBrackets(shape)} for ${label}): ${FIX}`,
      );
    }
  }
  return out as unknown as LayerParams;
}

/**
 * The initial parameters of a project: PyTorch's seeded initialisation, with the layers listed in
 * the project's `weights` overwritten (as `manual_seed`, build, then `copy_()` of each tensor).
 * Throws InputError naming the node and the expected shape when a listed tensor does not fit.
 */
export function paramsFromProject(
  model: ModelSpec,
  weights: InitialWeights | undefined,
  seed: number,
): ModelParams {
  const params = initParams(model, seed);
  if (!weights) return params;
  const layers = tensorLayers(model);
  for (const [nodeId, given] of Object.entries(weights)) {
    const index = layers.findIndex((l) => l.nodeId === nodeId);
    const layer = layers[index];
    if (!layer) {
      throw new InputError(
        `weights.${nodeId}: the model has no layer with weights called "${nodeId}" (a Linear, Conv2d or batch norm node): rename the entry to such a node's id or delete it`,
      );
    }
    params[index] = givenParams(layer, layerTensors(layer)!.shapes, given);
  }
  return params;
}
