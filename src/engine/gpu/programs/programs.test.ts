import { afterAll, describe, expect, it } from 'vitest';
import { describeWith } from '../../testing/needs.node';
import type { Program } from '../program';
import { releaseTestGpu, shaderErrors, testGpu } from '../testing/testGpu.node';
import type { ElementwiseOp } from './elementwise';
import { linearBackwardData } from './linearBackwardData';
import { linearBackwardWeight } from './linearBackwardWeight';
import { linearForward } from './linearForward';
import { lossProgram } from './loss';
import { metricsProgram } from './metrics';
import { optimizerProgram } from './optimizer';
import { elementwiseBackward, elementwiseForward, softmaxBackward, softmaxForward } from './rowOps';
import { DEFAULT_TILE } from './tile';

const ALL_OPS: ElementwiseOp[] = [
  { kind: 'relu' },
  { kind: 'sigmoid' },
  { kind: 'tanh' },
  { kind: 'leakyRelu', negativeSlope: 0.01 },
  { kind: 'dropout', p: 0.5, layer: 2 },
];
const linear = { rows: 6, inFeatures: 784, outFeatures: 10, weightOffset: 0, biasOffset: 7840 };
const odd = { rows: 5, inFeatures: 3, outFeatures: 2, weightOffset: 4, biasOffset: 12 };

/** One program of every kind and variant (vec4 and scalar loads, fused ops, data sources). */
const PROGRAMS: Program[] = [
  linearForward({
    ...linear,
    name: 'fwd',
    input: 'perm',
    ops: ALL_OPS,
    writePre: true,
    seed: 1,
    tile: DEFAULT_TILE,
  }),
  linearForward({
    ...odd,
    name: 'fwd odd',
    input: 'buffer',
    ops: [],
    writePre: false,
    seed: 1,
    tile: DEFAULT_TILE,
  }),
  linearBackwardData({ ...linear, name: 'dx', prevOps: ALL_OPS, seed: 1, tile: DEFAULT_TILE }),
  linearBackwardData({ ...odd, name: 'dx odd', prevOps: [], seed: 1, tile: DEFAULT_TILE }),
  linearBackwardWeight({ ...linear, name: 'dw', input: 'perm', tile: DEFAULT_TILE }),
  linearBackwardWeight({ ...odd, name: 'dw odd', input: 'buffer', tile: DEFAULT_TILE }),
  lossProgram({
    name: 'ce',
    loss: 'cross-entropy',
    rows: 64,
    outputs: 10,
    targets: 'perm',
    lastOps: ALL_OPS,
    seed: 1,
  }),
  lossProgram({
    name: 'mse',
    loss: 'mse',
    rows: 5,
    outputs: 2,
    targets: 'offset',
    lastOps: [],
    seed: 1,
  }),
  optimizerProgram({
    name: 'sgd',
    settings: { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 1e-4 },
    size: 64,
  }),
  optimizerProgram({
    name: 'adam',
    settings: { type: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    size: 64,
  }),
  elementwiseForward({ name: 'ew', rows: 4, width: 5, ops: ALL_OPS, input: 'perm', seed: 1 }),
  elementwiseBackward({ name: 'ewb', rows: 4, width: 5, ops: ALL_OPS, seed: 1 }),
  softmaxForward({ name: 'sm', rows: 4, width: 5, input: 'offset', seed: 1 }),
  softmaxBackward({ name: 'smb', rows: 4, width: 5, prevOps: ALL_OPS, seed: 1 }),
  metricsProgram({
    name: 'metrics',
    loss: 'cross-entropy',
    rows: 100,
    outputs: 10,
    confusion: true,
  }),
  metricsProgram({ name: 'metrics mse', loss: 'mse', rows: 100, outputs: 3, confusion: false }),
];

describe('programs as WGSL text', () => {
  for (const program of PROGRAMS) {
    it(`${program.name}: a main entry point and one declaration per binding, in order`, () => {
      const code = program.wgsl();
      const [x, y, z] = program.workgroupSize;
      expect(code).toContain(`@compute @workgroup_size(${x}, ${y}, ${z})`);
      expect(code).toMatch(/\nfn main\(/);
      const declared = [...code.matchAll(/@group\(0\) @binding\((\d+)\) var<[^>]+> (\w+):/g)];
      expect(declared.map((m) => [Number(m[1]), m[2]])).toEqual(
        program.bindings.map((b, i) => [i, b.name]),
      );
      expect(program.dispatch.every((n) => Number.isInteger(n) && n >= 1 && n <= 65535)).toBe(true);
    });
  }

  it('gives different shaders different keys', () => {
    const keys = new Set(PROGRAMS.map((p) => p.shaderKey));
    expect(keys.size).toBe(PROGRAMS.length);
  });

  it("leaves the learning rate out of the optimizer's shader: a schedule changes it as data", () => {
    for (const settings of [
      { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0 },
      { type: 'adam', lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    ] as const) {
      const at = (lr: number) =>
        optimizerProgram({ name: 'o', settings: { ...settings, lr }, size: 8 });
      expect(at(0.1).shaderKey).toBe(at(0.025).shaderKey);
      expect(at(0.1).wgsl()).toBe(at(0.025).wgsl());
      expect(at(0.1).wgsl()).toContain('stepRec.stepSize');
    }
  });
});

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

describeWith(need, 'programs compiled by the device', () => {
  for (const program of PROGRAMS) {
    it(`${program.name} compiles without errors`, async () => {
      expect(await shaderErrors(gpu!.device, program.wgsl())).toEqual([]);
    });
  }
});
