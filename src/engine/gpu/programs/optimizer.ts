import type { OptimizerSettings } from '../../../shared/project';
import { type Binding, f32Literal, type Program } from '../program';
import { itemLaunch, itemMainWgsl } from './itemKernel';
import { preambleWgsl, STEP_BINDING } from './step';

export interface OptimizerSpec {
  readonly name: string;
  readonly settings: OptimizerSettings;
  /** Floats in the flat parameter buffer: a multiple of 4. */
  readonly size: number;
}

function f32v(x: number): string {
  return `vec4<f32>(${f32Literal(x)})`;
}

/**
 * One update of every parameter, four a thread, over the one flat parameter buffer (all layers'
 * weights and biases) and the matching gradient and state buffers. The rules are PyTorch's:
 * torch.optim.SGD (weight decay added to the gradient, then momentum buf = m buf + g, with buf
 * starting at g: the same as starting at 0; step size lr from the step record) and
 * torch.optim.Adam (weight decay added to the gradient; step size lr / (1 - beta1^t) and
 * sqrt(1 - beta2^t) from the step record, computed in float64 as PyTorch does in Python). The
 * rate is read from the record, so a schedule changes it without a new pipeline.
 */
export function optimizerProgram(spec: OptimizerSpec): Program {
  const s = spec.settings;
  const hasMomentum = s.type === 'sgd' && s.momentum !== 0;
  const bindings: Binding[] = [
    STEP_BINDING,
    { name: 'params', kind: 'storage', type: 'array<vec4<f32>>' },
    { name: 'grads', kind: 'read-only-storage', type: 'array<vec4<f32>>' },
    ...(hasMomentum || s.type === 'adam'
      ? [{ name: 'state1', kind: 'storage', type: 'array<vec4<f32>>' } as const]
      : []),
    ...(s.type === 'adam'
      ? [{ name: 'state2', kind: 'storage', type: 'array<vec4<f32>>' } as const]
      : []),
  ];
  const decay = s.weightDecay !== 0 ? ` + ${f32v(s.weightDecay)} * p` : '';
  let body: string;
  if (s.type === 'sgd') {
    body = hasMomentum
      ? `  let buf = ${f32v(s.momentum)} * state1[i] + g;
  state1[i] = buf;
  params[i] = p - stepRec.stepSize * buf;`
      : `  params[i] = p - stepRec.stepSize * g;`;
  } else {
    body = `  let m = ${f32v(s.beta1)} * state1[i] + ${f32v(1 - s.beta1)} * g;
  let v = ${f32v(s.beta2)} * state2[i] + ${f32v(1 - s.beta2)} * g * g;
  state1[i] = m;
  state2[i] = v;
  let denom = sqrt(v) / stepRec.bc2Sqrt + ${f32v(s.eps)};
  params[i] = p - stepRec.stepSize * (m / denom);`;
  }
  const vec4s = spec.size / 4;
  // The rate is not in the shader: sessions that differ only in it share the pipeline.
  const key = JSON.stringify({ ...s, lr: undefined });
  return {
    name: spec.name,
    shaderKey: `optimizer:${key}:${spec.size}`,
    ...itemLaunch(vec4s),
    bindings,
    wgsl() {
      return `${preambleWgsl(bindings)}
${itemMainWgsl('i', vec4s)}
  let p = params[i];
  let g = grads[i]${decay};
${body}
}
`;
    },
  };
}
