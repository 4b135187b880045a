import { describe, expect, it } from 'vitest';
import lineFit from '../../../resources/examples/line-fit.layerboard.json';
import linearRegression from '../../../resources/examples/linear-regression.layerboard.json';
import { parseProject } from '../../shared/parseProject';
import type { Project } from '../../shared/project';
import { browserFiles } from '../data/browserFiles';
import { nodeFiles } from '../data/nodeFiles.node.ts';
import type { HandlerContext } from './handlerContext';
import { createTrainHandlers } from './trainHandlers';
import type { TrainNotices, TrainStart } from './trainMessages';
import type { Notice } from './workerProtocol';

const project = (raw: unknown): Project => {
  const parsed = parseProject(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};
const lesson1 = project(linearRegression);

/** Built-ins from resources/datasets, imports from the request, as the worker does in the app. */
const handlers = () =>
  createTrainHandlers({
    files: (request) => ({
      ...browserFiles({ datasetsUrl: 'http://unused/', imports: request.imports }),
      builtin: nodeFiles('.').builtin,
    }),
  });

function fakeContext() {
  const notices: TrainNotices[] = [];
  const controller = new AbortController();
  const ctx: HandlerContext = {
    notify: (notice: Notice) => {
      notices.push(notice as TrainNotices);
    },
    signal: controller.signal,
    gpu: async () => undefined,
    transfer: [],
  };
  return { ctx, notices, controller };
}

let nextRun = 1;
function start(
  p: Project,
  extra: Partial<TrainStart> = {},
): TrainStart & { type: 'train-start'; id: number } {
  const run = nextRun++;
  return {
    type: 'train-start',
    id: run,
    run,
    graph: p.graph,
    dataset: p.dataset,
    training: p.training,
    ...(p.weights ? { weights: p.weights } : {}),
    datasetsUrl: 'http://unused/',
    imports: new Map(),
    ...extra,
  };
}

const ofType = <T extends TrainNotices['type']>(notices: TrainNotices[], type: T) =>
  notices.filter((n): n is Extract<TrainNotices, { type: T }> => n.type === type);

/** Resolves at the first notice of `type`. */
function waitFor(notices: TrainNotices[], type: TrainNotices['type']): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (notices.some((n) => n.type === type) ? resolve() : setTimeout(check, 1));
    check();
  });
}

describe('train-start', () => {
  it('trains lesson 1 for 100 epochs on the CPU, reporting each epoch and the fallback', async () => {
    const { ctx, notices } = fakeContext();
    const result = await handlers()['train-start'](start(lesson1), ctx);
    expect(result.outcome).toBe('completed');
    expect(result.history).toHaveLength(100);
    expect(result.history.at(-1)!.loss).toBeLessThan(1000);
    expect(result.params?.[0]?.weight).toHaveLength(6);
    const [started] = ofType(notices, 'train-started');
    expect(started!.facts).toMatchObject({ backend: 'cpu', epochs: 100, stepsPerEpoch: 1 });
    expect(started!.facts.fallback).toMatch(/WebGPU is not available/);
    // The model file takes raw inputs: the run says what it did to them.
    expect(started!.facts.preprocessing).toEqual({
      kind: 'none',
      features: ['temp_f', 'rainfall_mm', 'humidity_pct'],
    });
    const epochs = ofType(notices, 'train-epoch');
    expect(epochs.map((e) => e.report.epoch)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const losses = ofType(notices, 'train-progress').flatMap((p) => [...p.batchLosses]);
    expect(losses).toHaveLength(100);
    // Predictions against targets: 5 rows of 2 targets.
    const view = ofType(notices, 'train-view').at(-1)!.view;
    expect(view.kind).toBe('predictions');
    if (view.kind === 'predictions') expect(view.predictions).toHaveLength(10);
    expect(ofType(notices, 'train-state').at(-1)!.state).toBe('finished');
  });

  it('draws the fitted line of the one-feature lesson, in raw units', async () => {
    const { ctx, notices } = fakeContext();
    const p = project(lineFit);
    const training = { ...p.training, epochs: 20, normalize: 'standardize' as const };
    const result = await handlers()['train-start'](start(p, { training }), ctx);
    expect(result.outcome).toBe('completed');
    const view = ofType(notices, 'train-view').at(-1)!.view;
    expect(view.kind).toBe('fit');
    if (view.kind !== 'fit') return;
    expect(view.points.x).toHaveLength(97);
    // Populations in tens of thousands (5 to 22.2), not standardised values.
    expect(Math.min(...view.line.x)).toBeCloseTo(5.0269, 3);
    expect(view.line.y).toHaveLength(64);
  });

  it('steps one batch and shows the tutorial numbers: the SGD update is -lr * grad', async () => {
    const { ctx, notices } = fakeContext();
    const h = handlers();
    const request = start(lesson1, { stepFirst: true });
    const reply = h['train-start'](request, ctx);
    await waitFor(notices, 'train-step');
    const details = ofType(notices, 'train-step')[0]!.details;
    expect(details).toMatchObject({ epoch: 1, step: 1, batchSize: 5, rule: 'sgd' });
    const fc1 = details.layers[0]!;
    expect(fc1.nodeId).toBe('fc1');
    expect(fc1.x).toMatchObject({ rows: 5, cols: 3 });
    expect(fc1.x.values.slice(0, 3)).toEqual([73, 67, 43]);
    expect(fc1.w.values[0]).toBeCloseTo(0.5896, 6);
    fc1.updateW.values.forEach((u, i) => {
      expect(u).toBeCloseTo(-1e-5 * fc1.dW.values[i]!, 6);
    });
    await expect(
      h['train-control']({ type: 'train-control', id: 0, run: request.run, action: 'stop' }, ctx),
    ).resolves.toEqual({ state: 'paused' });
    const result = await reply;
    expect(result.outcome).toBe('stopped');
    // Lesson 1 is one batch of 5 rows: the step finished epoch 1.
    expect(result.history).toHaveLength(1);
  });

  it('pauses and resumes a run', async () => {
    const { ctx, notices } = fakeContext();
    const h = handlers();
    const request = start(lesson1, { training: { ...lesson1.training, epochs: 800 } });
    const reply = h['train-start'](request, ctx);
    await waitFor(notices, 'train-progress');
    const control = (action: 'pause' | 'resume') =>
      h['train-control']({ type: 'train-control', id: 0, run: request.run, action }, ctx);
    await expect(control('pause')).resolves.toEqual({ state: 'paused' });
    const seen = ofType(notices, 'train-progress').length;
    await new Promise((r) => setTimeout(r, 50));
    // At most the chunk in flight when the pause came.
    expect(ofType(notices, 'train-progress').length).toBeLessThanOrEqual(seen + 1);
    await expect(control('resume')).resolves.toEqual({ state: 'running' });
    expect((await reply).outcome).toBe('completed');
  });

  it('stops while the data is still loading, at once and without parameters', async () => {
    const { ctx } = fakeContext();
    let release = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = createTrainHandlers({
      files: (request) => {
        const files = nodeFiles('.');
        return {
          ...browserFiles({ datasetsUrl: 'http://unused/', imports: request.imports }),
          builtin: (path) => ({
            name: path,
            async *chunks() {
              await slow;
              yield* files.builtin(path).chunks();
            },
          }),
        };
      },
    });
    // Another split than the other tests', so the cached data of an earlier run is not used.
    const request = start(lesson1, { training: { ...lesson1.training, validationSplit: 0.2 } });
    const reply = h['train-start'](request, ctx);
    await expect(
      h['train-control']({ type: 'train-control', id: 0, run: request.run, action: 'stop' }, ctx),
    ).resolves.toEqual({ state: 'none' });
    release();
    const result = await reply;
    expect(result).toEqual({ outcome: 'stopped', history: [] });
  });

  it('continues a finished run from its weights, counting its epochs on', async () => {
    const { ctx, notices } = fakeContext();
    const h = handlers();
    const first = await h['train-start'](start(lesson1), ctx);
    const resume = { params: first.params!, epoch: 100 };
    const training = { ...lesson1.training, epochs: 2 };
    const more = await h['train-start'](start(lesson1, { training, resume }), ctx);
    expect(more.history.map((r) => [r.epoch, r.epochs])).toEqual([
      [101, 102],
      [102, 102],
    ]);
    expect(ofType(notices, 'train-started').at(-1)!.facts.epochs).toBe(102);
    // From the trained weights: the loss goes on from where the first run ended.
    expect(more.history[0]!.loss).toBeLessThan(first.history[0]!.loss / 2);
  });

  it('stops early where the validation loss turns, and goes on with a schedule from a continued run', async () => {
    const { ctx } = fakeContext();
    const h = handlers();
    // Ten times the lesson's rate overshoots: the held-out row's loss falls twice, then rises.
    const training = {
      ...lesson1.training,
      optimizer: { ...lesson1.training.optimizer, lr: 1e-4 },
      validationSplit: 0.2,
      earlyStopping: { patience: 1 },
    };
    const stopped = await h['train-start'](start(lesson1, { training }), ctx);
    expect(stopped).toMatchObject({ outcome: 'completed', earlyStop: { epoch: 3, bestEpoch: 2 } });
    expect(stopped.history).toHaveLength(3);

    // A continued run's schedule counts the epochs before it: StepLR halves the rate at epoch
    // 2 (0-based), and again at 4.
    const schedule = { type: 'step', stepSize: 2, gamma: 0.5 } as const;
    const resume = { params: stopped.params!, epoch: 3 };
    const more = await h['train-start'](
      start(lesson1, { training: { ...lesson1.training, epochs: 2, schedule }, resume }),
      ctx,
    );
    expect(more.history.map((r) => [r.epoch, r.lr])).toEqual([
      [4, 5e-6],
      [5, 2.5e-6],
    ]);
  });

  it('refuses early stopping without a validation split, saying what to do', async () => {
    const { ctx } = fakeContext();
    const training = { ...lesson1.training, earlyStopping: { patience: 3 } };
    await expect(handlers()['train-start'](start(lesson1, { training }), ctx)).rejects.toThrow(
      /^Early stopping watches the validation loss, and the validation split is 0: set a validation split/,
    );
  });

  it('stops a run whose loss overflows, saying why', async () => {
    const { ctx } = fakeContext();
    const training = {
      ...lesson1.training,
      optimizer: { ...lesson1.training.optimizer, lr: 0.01 },
    };
    const result = await handlers()['train-start'](start(lesson1, { training }), ctx);
    expect(result.outcome).toBe('diverged');
    expect(result.divergence?.message).toMatch(/lower the learning rate/);
  });

  it('evaluates a classification every epoch and answers for a confusion-matrix cell', async () => {
    // Two separable classes of a CSV the user imported, a fifth held out for validation.
    const rows = Array.from(
      { length: 50 },
      (_, i) => `${i % 2 === 0 ? i : -i},${i % 2 ? 'b' : 'a'}`,
    );
    const csv = new Blob([`x,label\n${rows.join('\n')}\n`]);
    const p: Project = {
      ...lesson1,
      graph: {
        nodes: [
          { id: 'in', kind: 'input', position: { x: 0, y: 0 } },
          { id: 'fc1', kind: 'linear', params: { outFeatures: 2 }, position: { x: 0, y: 100 } },
        ],
        edges: [{ source: 'in', target: 'fc1' }],
      },
      dataset: {
        source: 'csv',
        path: 'two.csv',
        features: ['x'],
        targets: ['label'],
        task: 'classification',
      },
      training: {
        ...lesson1.training,
        loss: 'cross-entropy',
        normalize: 'standardize',
        epochs: 5,
        validationSplit: 0.2,
        optimizer: { type: 'sgd', lr: 0.5, momentum: 0, weightDecay: 0 },
      },
    };
    const { weights: _, ...noWeights } = p;
    const { ctx, notices } = fakeContext();
    const h = handlers();
    const request = start(noWeights, { imports: new Map([['two.csv', csv]]) });
    await h['train-start'](request, ctx);
    const epoch = ofType(notices, 'train-epoch').at(-1)!;
    expect(epoch.evaluation?.on).toBe('validation');
    expect(epoch.evaluation!.confusionMatrix.flat().reduce((a, b) => a + b)).toBe(10);
    expect(epoch.gallery?.table?.rows[0]).toHaveLength(1);
    const cell = await h['train-cell'](
      { type: 'train-cell', id: 0, run: request.run, truth: 0, limit: 3 },
      ctx,
    );
    expect(cell.truth.every((t) => t === 0)).toBe(true);
    expect(cell.probabilities).toHaveLength(cell.indices.length * 2);
  });

  describe('a small CNN', () => {
    /** An IDX file of unsigned bytes: magic 00 00 08 <ndims>, big-endian dims, then the values. */
    const idx = (dims: number[], values: number[]) => {
      const out = new Uint8Array(4 + 4 * dims.length + values.length);
      const view = new DataView(out.buffer);
      view.setUint32(0, 0x800 + dims.length);
      for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d);
      out.set(values, 4 + 4 * dims.length);
      return new Blob([out]);
    };
    // 40 images of 6 x 6: class 0 bright on top, class 1 bright below, a little noise.
    const labels = Array.from({ length: 40 }, (_, i) => i % 2);
    const pixels = labels.flatMap((label, n) =>
      Array.from({ length: 36 }, (_, p) => {
        const top = p < 18;
        return (top === (label === 0) ? 200 : 20) + ((n * 7 + p * 13) % 30);
      }),
    );
    const imports = new Map([
      ['images.idx', idx([40, 6, 6], pixels)],
      ['labels.idx', idx([40], labels)],
    ]);
    const cnn = (weights?: Project['weights']): Project => ({
      ...lesson1,
      graph: {
        nodes: [
          { id: 'in', kind: 'input', position: { x: 0, y: 0 } },
          {
            id: 'conv1',
            kind: 'conv2d',
            params: { outChannels: 2, kernelSize: 3, stride: 1, padding: 1 },
            position: { x: 0, y: 100 },
          },
          { id: 'relu1', kind: 'relu', position: { x: 0, y: 200 } },
          {
            id: 'pool1',
            kind: 'maxPool2d',
            params: { kernelSize: 2, stride: 2 },
            position: { x: 0, y: 300 },
          },
          { id: 'flatten', kind: 'flatten', position: { x: 0, y: 400 } },
          { id: 'fc1', kind: 'linear', params: { outFeatures: 2 }, position: { x: 0, y: 500 } },
        ],
        edges: [
          { source: 'in', target: 'conv1' },
          { source: 'conv1', target: 'relu1' },
          { source: 'relu1', target: 'pool1' },
          { source: 'pool1', target: 'flatten' },
          { source: 'flatten', target: 'fc1' },
        ],
      },
      dataset: { source: 'idx', images: 'images.idx', labels: 'labels.idx' },
      training: {
        ...lesson1.training,
        loss: 'cross-entropy',
        normalize: 'standardize',
        batchSize: 8,
        epochs: 2,
        validationSplit: 0.25,
        optimizer: { type: 'sgd', lr: 0.05, momentum: 0, weightDecay: 0 },
      },
      ...(weights ? { weights } : {}),
    });
    const { weights: _, ...noWeights } = cnn();

    it("sends each epoch's insides and the filters, and answers for an image's feature maps after the run", async () => {
      const { ctx, notices } = fakeContext();
      const h = handlers();
      const request = start(noWeights, { imports });
      const result = await h['train-start'](request, ctx);
      expect(result.outcome).toBe('completed');
      expect(ofType(notices, 'train-started')[0]!.facts.featureMaps).toBe(true);
      const epochs = ofType(notices, 'train-epoch');
      expect(epochs).toHaveLength(2);
      for (const { insides } of epochs) {
        // conv1 (layer 0) with the ReLU after it, fc1 (layer 4) without.
        expect(insides!.map((l) => l.layer)).toEqual([0, 4]);
        expect(insides![0]!.dead).toBeGreaterThanOrEqual(0);
        expect(insides![1]).not.toHaveProperty('dead');
        // conv1 has 2 x 1 x 3 x 3 weights; its z, 6 last-batch samples of 2 x 6 x 6.
        expect(insides![0]!.weights.counts.reduce((a, b) => a + b)).toBe(18);
        expect(insides![0]!.outputs.counts.reduce((a, b) => a + b)).toBe(6 * 72);
      }
      const view = ofType(notices, 'train-view').at(-1)!.view;
      expect(view).toMatchObject({ kind: 'filters', nodeId: 'conv1', size: 3, pictures: 2 });
      // The run's final parameters went to the app; the feature maps have their own copy.
      const maps = await h['train-features'](
        { type: 'train-features', id: 0, run: request.run, index: 3 },
        ctx,
      );
      expect(maps).toMatchObject({ index: 3, epoch: 2 });
      expect(maps.layers.map((l) => [l.nodeId, l.shape])).toEqual([
        ['conv1', [2, 6, 6]],
        ['pool1', [2, 3, 3]],
      ]);
      expect(maps.image).toMatchObject({ rows: 6, cols: 6 });
      expect(maps.predicted).toBeGreaterThanOrEqual(0);
      // The pool takes the ReLU's output: at least 0, at most conv1's largest value.
      const [conv, pool] = maps.layers;
      expect(Math.min(...pool!.values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...pool!.values)).toBeLessThanOrEqual(Math.max(conv!.max, 0));
      expect(ctx.transfer).toContain(maps.image.pixels.buffer);
      await expect(
        h['train-features'](
          { type: 'train-features', id: 0, run: request.run + 100, index: 0 },
          ctx,
        ),
      ).rejects.toThrow(/no feature maps/);
    });

    it('continues a finished CNN run from its weights', async () => {
      const { ctx } = fakeContext();
      const h = handlers();
      const first = await h['train-start'](start(noWeights, { imports }), ctx);
      const resume = { params: first.params!, epoch: 2 };
      const more = await h['train-start'](start(noWeights, { imports, resume }), ctx);
      expect(more.history.map((r) => r.epoch)).toEqual([3, 4]);
    });

    it("sends the doctor's hint when a layer's ReLUs are dead", async () => {
      // conv1's biases far below anything its 3 x 3 window can add up to: z < 0 everywhere.
      const kernel = [
        [
          [0.1, 0.1, 0.1],
          [0.1, 0.1, 0.1],
          [0.1, 0.1, 0.1],
        ],
      ];
      const dead = cnn({ conv1: { weight: [kernel, kernel], bias: [-100, -100] } });
      const { ctx, notices } = fakeContext();
      await handlers()['train-start'](start(dead, { imports }), ctx);
      const hint = ofType(notices, 'train-epoch')[0]!.deadUnits;
      expect(hint).toMatchObject({ nodeId: 'conv1', fraction: 1 });
      expect(hint!.message).toMatch(/^conv1: 100% of its ReLUs \(2 of 2 channels\) gave 0/);
    });
  });
});
