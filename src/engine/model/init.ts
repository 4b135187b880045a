import type { InitialWeights } from '../../shared/project';
import { InputError } from '../errors';
import { MT19937 } from '../random';
import type { LayerSpec, LinearParams, ModelParams, ModelSpec } from './spec';

type LinearSpec = Extract<LayerSpec, { kind: 'linear' }>;

function linearLayers(model: ModelSpec): LinearSpec[] {
  return model.layers.filter((l): l is LinearSpec => l.kind === 'linear');
}

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
 * nn.Linear.reset_parameters: kaiming_uniform_(weight, a=sqrt(5)), whose bound
 * sqrt(3) * gain / sqrt(fan_in) with gain = sqrt(2 / (1 + a^2)) is 1/sqrt(fan_in) up to the last
 * bit (computed here with the same double operations as torch.nn.init), then the bias from
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
 */
function resetLinear(layer: LinearSpec, rng: MT19937): LinearParams {
  const fanIn = layer.inFeatures;
  const gain = Math.sqrt(2.0 / (1 + Math.sqrt(5) ** 2));
  const weight = new Float32Array(layer.outFeatures * fanIn);
  uniform(weight, Math.sqrt(3.0) * (gain / Math.sqrt(fanIn)), rng);
  const bias = new Float32Array(layer.outFeatures);
  uniform(bias, 1 / Math.sqrt(fanIn), rng);
  return { weight, bias };
}

/**
 * PyTorch's default initialisation: the values `torch.manual_seed(seed)` followed by building the
 * model's nn.Sequential gives, Linear layer by Linear layer.
 *
 * @example
 * initParams({ inputShape: [3], layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' }] }, 1)[0].bias;
 * // Float32Array [-0.11877556, 0.29372340], as torch.manual_seed(1); nn.Linear(3, 2).bias
 */
export function initParams(model: ModelSpec, seed: number): ModelParams {
  const rng = new MT19937(seed);
  return linearLayers(model).map((layer) => resetLinear(layer, rng));
}

const FIX = "fix them, or delete the entry to start from PyTorch's initialisation";

function matrixChecked(
  values: readonly (readonly number[])[],
  rows: number,
  cols: number,
  where: string,
  what: string,
): Float32Array {
  const badRow = values.findIndex((row) => row.length !== cols);
  if (values.length !== rows || badRow >= 0) {
    const found =
      values.length !== rows
        ? `${values.length} rows`
        : `${values[badRow]!.length} values in row ${badRow}`;
    throw new InputError(
      `${where}: expected ${rows} rows of ${cols} values (${what}) but found ${found}: ${FIX}`,
    );
  }
  const out = new Float32Array(rows * cols);
  values.forEach((row, r) => {
    out.set(row, r * cols);
  });
  return out;
}

function vectorChecked(
  values: readonly number[],
  size: number,
  where: string,
  what: string,
): Float32Array {
  if (values.length !== size) {
    throw new InputError(
      `${where}: expected ${size} values (${what}) but found ${values.length}: ${FIX}`,
    );
  }
  return new Float32Array(values);
}

/**
 * The initial parameters of a project: PyTorch's seeded initialisation, with the Linear layers
 * listed in the project's `weights` overwritten (as `manual_seed`, build, then `weight.copy_()`).
 * Throws InputError naming the node and the expected shape when a listed tensor does not fit.
 */
export function paramsFromProject(
  model: ModelSpec,
  weights: InitialWeights | undefined,
  seed: number,
): ModelParams {
  const params = initParams(model, seed);
  if (!weights) return params;
  const layers = linearLayers(model);
  for (const [nodeId, given] of Object.entries(weights)) {
    const index = layers.findIndex((l) => l.nodeId === nodeId);
    const layer = layers[index];
    if (!layer) {
      throw new InputError(
        `weights.${nodeId}: the model has no Linear node "${nodeId}": rename the entry to a Linear node's id or delete it`,
      );
    }
    const { inFeatures: n, outFeatures: m } = layer;
    const shape = `[out_features=${m}][in_features=${n}] for Linear "${nodeId}"`;
    params[index] = {
      weight: matrixChecked(given.weight, m, n, `weights.${nodeId}.weight`, shape),
      bias: vectorChecked(given.bias, m, `weights.${nodeId}.bias`, `[${m}] for Linear "${nodeId}"`),
    };
  }
  return params;
}
