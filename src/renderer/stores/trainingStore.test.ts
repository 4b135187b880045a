import { describe, expect, it } from 'vitest';
import type { ModelParams, ModelSpec, Notice, TrainResult } from '../../engine';
import type { RunRecord, TrainingSettings } from '../../shared/project';
import { INSIDES_KEPT, withRecentInsides } from './trainingNotices';
import { createTrainingStore, type TrainEngine, trainPlan } from './trainingStore';

const model: ModelSpec = {
  inputShape: [3],
  layers: [{ kind: 'linear', inFeatures: 3, outFeatures: 2, nodeId: 'fc1' }],
};
const params: ModelParams = [{ weight: new Float32Array(6), bias: new Float32Array(2) }];
const training: TrainingSettings = {
  loss: 'mse',
  optimizer: { type: 'sgd', lr: 1e-5, momentum: 0, weightDecay: 0 },
  batchSize: 5,
  epochs: 2,
  shuffle: false,
  seed: 1,
  normalize: 'none',
  validationSplit: 0,
};

interface Sent {
  type: string;
  body: Record<string, unknown>;
  onNotice?: ((notice: Notice) => void) | undefined;
  settle: { resolve(value: unknown): void; reject(err: Error): void };
}

/** An engine whose requests wait until the test answers them. */
function fakeEngine() {
  const sent: Sent[] = [];
  const engine: TrainEngine = {
    call: (type, body, options) => {
      let settle!: Sent['settle'];
      const reply = new Promise<never>((resolve, reject) => {
        settle = { resolve: resolve as (value: unknown) => void, reject };
      });
      sent.push({
        type,
        body: body as Record<string, unknown>,
        onNotice: options?.onNotice,
        settle,
      });
      return { id: sent.length, reply };
    },
  };
  return { engine, sent };
}

function setup() {
  const { engine, sent } = fakeEngine();
  let settings = training;
  const store = createTrainingStore({
    engine: () => engine,
    snapshot: () => ({
      graph: { nodes: [], edges: [] },
      dataset: { source: 'builtin', name: 'crop-yields' },
      training: settings,
      datasetsUrl: 'http://x/',
      imports: new Map(),
    }),
    modelKey: () => JSON.stringify(model),
    updateTraining: (patch) => {
      settings = { ...settings, ...patch };
    },
    schedule: (flush) => flush(),
  });
  return { store, sent, settings: () => settings };
}

const result = (outcome: TrainResult['outcome']): TrainResult => ({
  outcome,
  history: [],
  params,
  model,
  ...(outcome === 'diverged'
    ? { divergence: { reason: 'not-finite', epoch: 1, message: 'the loss became NaN' } }
    : {}),
});

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('training store', () => {
  it('starts a run on the snapshot and gathers its notices', async () => {
    const { store, sent } = setup();
    store.getState().train();
    expect(store.getState()).toMatchObject({ phase: 'loading', running: true, run: 1 });
    const start = sent[0]!;
    expect(start.type).toBe('train-start');
    expect(start.body).toMatchObject({ run: 1, training });
    expect(start.body.resume).toBeUndefined();
    const notify = start.onNotice!;
    notify({ type: 'train-state', run: 1, state: 'running' });
    notify({
      type: 'train-progress',
      run: 1,
      epoch: 0,
      step: 0,
      stepsPerEpoch: 1,
      batchLosses: Float32Array.of(5, 4),
      samplesPerSecond: 100,
    });
    // A notice of another run is ignored.
    notify({
      type: 'train-view',
      run: 7,
      view: { kind: 'predictions', targetNames: [], targets: [], predictions: [] },
    });
    notify({
      type: 'train-epoch',
      run: 1,
      report: { epoch: 1, epochs: 2, loss: 4.5, seconds: 0.1, lr: 0.01 },
      evaluation: {
        on: 'test',
        count: 3,
        loss: 1,
        accuracy: 2 / 3,
        confusionMatrix: [
          [1, 1],
          [0, 1],
        ],
      },
    });
    const s = store.getState();
    expect(s.phase).toBe('running');
    expect(s.batchLosses).toEqual([5, 4]);
    expect(s.history).toHaveLength(1);
    // Each epoch keeps its confusion matrix, for the Metrics tab's epoch slider.
    expect(s.history[0]!.evaluation).toMatchObject({ on: 'test', count: 3, accuracy: 2 / 3 });
    expect(s.history[0]!.evaluation?.confusionMatrix).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(s.evaluation).toBe(s.history[0]!.evaluation);
    expect(s.view).toBeUndefined();

    start.settle.resolve(result('completed'));
    await tick();
    expect(store.getState()).toMatchObject({
      phase: 'finished',
      running: false,
      outcome: 'completed',
    });
    // Train again: continues from the trained weights, its charts adding to these.
    store.getState().train();
    expect(sent[1]!.body.resume).toEqual({ params, epoch: 1 });
    expect(store.getState().batchLosses).toEqual([5, 4]);
  });

  it('stops at once while the data loads, and keeps the weights it had', async () => {
    const { store, sent } = setup();
    store.getState().train();
    sent[0]!.settle.resolve(result('completed'));
    await tick();
    const trained = store.getState().trained;
    store.getState().train();
    expect(store.getState().phase).toBe('loading');
    store.getState().stop();
    expect(sent[2]).toMatchObject({ type: 'train-control', body: { run: 2, action: 'stop' } });
    expect(store.getState()).toMatchObject({ phase: 'idle', running: false, run: undefined });
    // The worker's late answer is for a run the panel has forgotten.
    sent[1]!.settle.resolve({ outcome: 'stopped', history: [] });
    await tick();
    expect(store.getState()).toMatchObject({ phase: 'idle', trained });
  });

  it('forgets every run when another project opens', async () => {
    const { store, sent } = setup();
    store.getState().train();
    sent[0]!.settle.resolve(result('completed'));
    await tick();
    store.getState().train();
    store.getState().reset();
    expect(sent[2]).toMatchObject({ type: 'train-control', body: { run: 2, action: 'stop' } });
    expect(store.getState()).toMatchObject({
      phase: 'idle',
      running: false,
      run: undefined,
      trained: undefined,
      history: [],
      batchLosses: [],
    });
    store.getState().train();
    expect(sent.at(-1)!.body.resume).toBeUndefined();
  });

  it('keeps the settings the run trained with, whatever the project changes afterwards', async () => {
    const { store, sent } = setup();
    store.getState().train();
    // The learning-rate fix changes the project's settings after the run has started.
    store.getState().applyFix({ kind: 'learning-rate', lr: 1e-6 });
    sent[0]!.settle.resolve(result('completed'));
    await tick();
    const trained = store.getState().trained;
    expect(trained?.training.optimizer.lr).toBe(1e-5);
    expect(trained?.dataset).toEqual({ source: 'builtin', name: 'crop-yields' });
  });

  it('sends pause, resume, stop and step to the running run, and steps from idle', async () => {
    const { store, sent } = setup();
    store.getState().step();
    expect(sent[0]!.body).toMatchObject({ stepFirst: true });
    sent[0]!.onNotice!({ type: 'train-state', run: 1, state: 'paused' });
    expect(store.getState().phase).toBe('paused');
    store.getState().step();
    store.getState().train();
    store.getState().pause();
    store.getState().stop();
    const controls = sent.slice(1).map((s) => [s.type, s.body.action]);
    expect(controls).toEqual([
      ['train-control', 'step'],
      ['train-control', 'resume'],
      ['train-control', 'pause'],
      ['train-control', 'stop'],
    ]);
  });

  it('forgets diverged weights and applies the doctor\u2019s fixes', async () => {
    const { store, sent, settings } = setup();
    store.getState().train();
    sent[0]!.settle.resolve(result('diverged'));
    await tick();
    expect(store.getState()).toMatchObject({ outcome: 'diverged', trained: undefined });
    expect(store.getState().divergence?.message).toMatch(/NaN/);
    store.getState().applyFix({ kind: 'learning-rate', lr: 1e-6 });
    expect(settings().optimizer.lr).toBe(1e-6);
    expect(store.getState().outcome).toBeUndefined();
    store.getState().applyFix({ kind: 'normalize' });
    expect(settings().normalize).toBe('standardize');
  });

  it('shows a failed start as an error, and resets weights only when idle', async () => {
    const { store, sent } = setup();
    store.getState().train();
    sent[0]!.settle.reject(new Error('the model cannot train yet'));
    await tick();
    expect(store.getState()).toMatchObject({ phase: 'idle', running: false });
    expect(store.getState().error).toMatch(/cannot train/);
    store.getState().resetWeights();
    expect(store.getState().error).toBeUndefined();
  });

  it('asks the worker for the samples behind a confusion-matrix cell', async () => {
    const { store, sent } = setup();
    store.getState().train();
    const open = store.getState().openCell(2, 3);
    expect(store.getState().cell).toEqual({ truth: 2, predicted: 3 });
    expect(sent[1]!.body).toMatchObject({ run: 1, truth: 2, predicted: 3 });
    const samples = {
      indices: [4],
      truth: [2],
      predicted: [3],
      probabilities: new Float32Array(4),
      classes: 4,
      total: 1,
    };
    sent[1]!.settle.resolve(samples);
    await open;
    expect(store.getState().cell?.samples).toBe(samples);
  });
});

describe("the model's insides", () => {
  const histogram = { min: -1, max: 1, counts: [2, 3] };
  const facts = (featureMaps: boolean) => ({
    backend: 'cpu' as const,
    label: 'CPU',
    model,
    task: 'classification' as const,
    classes: ['a', 'b'],
    targetNames: ['label'],
    preprocessing: { kind: 'none' as const },
    epochs: 3,
    stepsPerEpoch: 1,
    trainCount: 10,
    evaluatedCount: 5,
    ...(featureMaps ? { featureMaps: true as const } : {}),
  });
  const epoch = (n: number, dead?: number): Notice => ({
    type: 'train-epoch',
    run: 1,
    report: { epoch: n, epochs: 3, loss: 1, seconds: 0.1, lr: 0.01 },
    insides: [{ layer: 0, weights: histogram, outputs: histogram }],
    ...(dead === undefined
      ? {}
      : { deadUnits: { nodeId: 'fc1', fraction: dead, message: `fc1: ${dead * 100}% dead` } }),
  });
  const maps = (index: number, epochs: number) => ({
    index,
    epoch: epochs,
    image: { rows: 1, cols: 1, pixels: new Uint8Array(1) },
    layers: [],
  });

  it("keeps each epoch's histograms, and the run's first dead-ReLU hint only", () => {
    const { store, sent } = setup();
    store.getState().train();
    const notify = sent[0]!.onNotice!;
    notify({ type: 'train-started', run: 1, facts: facts(false) });
    notify(epoch(1));
    notify(epoch(2, 0.7));
    notify(epoch(3, 0.9));
    const s = store.getState();
    expect(s.history.map((e) => e.insides?.[0]?.weights.counts)).toEqual([
      [2, 3],
      [2, 3],
      [2, 3],
    ]);
    expect(s.deadUnits).toEqual({
      nodeId: 'fc1',
      fraction: 0.7,
      message: 'fc1: 70% dead',
      epoch: 2,
    });
    // No feature maps for a model without conv layers.
    expect(sent.filter((r) => r.type === 'train-features')).toHaveLength(0);
    expect(s.inspected).toBeUndefined();
  });

  it("asks for the first image's feature maps, again at each epoch end, one request at a time", async () => {
    const { store, sent } = setup();
    store.getState().train();
    const notify = sent[0]!.onNotice!;
    notify({ type: 'train-started', run: 1, facts: facts(true) });
    const asked = () => sent.filter((r) => r.type === 'train-features');
    expect(asked().map((r) => r.body)).toEqual([{ run: 1, index: 0 }]);
    expect(store.getState().inspected).toEqual({ index: 0 });
    // Two epochs end and the student picks image 5 while the first request is on its way:
    // one more request, for image 5.
    notify(epoch(1));
    notify(epoch(2));
    store.getState().inspect(5);
    expect(asked()).toHaveLength(1);
    asked()[0]!.settle.resolve(maps(0, 0));
    await tick();
    // Image 0's late maps are not image 5's.
    expect(store.getState().inspected).toEqual({ index: 5 });
    expect(asked().map((r) => r.body)).toEqual([
      { run: 1, index: 0 },
      { run: 1, index: 5 },
    ]);
    asked()[1]!.settle.resolve(maps(5, 2));
    await tick();
    expect(store.getState().inspected).toEqual({ index: 5, maps: maps(5, 2) });

    // After the run ended, a picked image is still answered, from the run's last weights.
    sent[0]!.settle.resolve(result('completed'));
    await tick();
    store.getState().inspect(7);
    expect(asked().at(-1)!.body).toEqual({ run: 1, index: 7 });
    asked().at(-1)!.settle.reject(new Error('no feature maps'));
    await tick();
    expect(store.getState().inspected).toEqual({ index: 7, error: 'no feature maps' });

    // Forgetting the runs forgets the image.
    store.getState().reset();
    expect(store.getState().inspected).toBeUndefined();
    store.getState().inspect(1);
    expect(asked()).toHaveLength(3);
  });
});

describe('trainPlan', () => {
  const dataset = { source: 'builtin', name: 'crop-yields' } as const;
  const trained = { modelKey: 'm', params, epoch: 100, training, dataset };
  const now = { modelKey: 'm', dataset, training };

  it('continues the last run when only training settings changed', () => {
    expect(trainPlan(undefined, now)).toEqual({ from: 'start' });
    const faster = { ...training, optimizer: { ...training.optimizer, lr: 0.1 }, epochs: 7 };
    expect(trainPlan(trained, { ...now, training: faster })).toEqual({
      from: 'continue',
      epoch: 100,
    });
  });

  it('starts over, saying why, when the weights no longer mean anything', () => {
    expect(trainPlan(trained, { ...now, modelKey: 'other' })).toMatchObject({
      from: 'start',
      why: 'the graph changed since the last run',
    });
    expect(
      trainPlan(trained, { ...now, dataset: { source: 'builtin', name: 'population-profit' } }),
    ).toMatchObject({ from: 'start', why: 'the dataset changed since the last run' });
    expect(
      trainPlan(trained, { ...now, training: { ...training, normalize: 'standardize' } }),
    ).toMatchObject({ from: 'start', why: 'the normalisation changed since the last run' });
  });
});

describe('withRecentInsides', () => {
  it("keeps the histograms of the latest epochs only, and every epoch's report", () => {
    const insides = [
      {
        layer: 0,
        weights: { min: 0, max: 1, counts: [1] },
        outputs: { min: 0, max: 1, counts: [1] },
      },
    ];
    const entry = (epoch: number) => ({
      report: { epoch, epochs: 600, loss: 1, seconds: 0, lr: 0.01 },
      insides,
    });
    const history = Array.from({ length: INSIDES_KEPT + 20 }, (_, i) => entry(i + 1));
    const kept = withRecentInsides(history);
    expect(kept).toHaveLength(INSIDES_KEPT + 20);
    expect(kept.filter((e) => e.insides)).toHaveLength(INSIDES_KEPT);
    expect(kept[19]).toEqual({ report: entry(20).report });
    expect(kept[20]!.insides).toBe(insides);
  });
});

describe('run history', () => {
  const facts = { backend: 'webgpu', stepsPerEpoch: 1, task: 'regression' } as unknown as Extract<
    Notice,
    { type: 'train-started' }
  >['facts'];
  const report = (epoch: number, loss: number) => ({
    epoch,
    epochs: 2,
    loss,
    seconds: 0.1,
    lr: 1e-5,
  });

  function recording() {
    const { engine, sent } = fakeEngine();
    const records: RunRecord[] = [];
    let clock = Date.parse('2026-12-06T10:00:00Z');
    const store = createTrainingStore({
      engine: () => engine,
      snapshot: () => ({
        graph: { nodes: [], edges: [] },
        dataset: { source: 'builtin', name: 'crop-yields' },
        training,
        datasetsUrl: 'http://x/',
        imports: new Map(),
      }),
      modelKey: () => JSON.stringify(model),
      updateTraining: () => {},
      schedule: (flush) => flush(),
      recordRun: (run) => records.push(run),
      now: () => clock,
    });
    const advance = (ms: number) => {
      clock += ms;
    };
    return { store, sent, records, advance };
  }

  it('records each run that ends, a continued one as its own, not one stopped before an epoch', async () => {
    const { store, sent, records, advance } = recording();
    store.getState().train();
    sent[0]!.onNotice!({ type: 'train-started', run: 1, facts });
    advance(1500);
    sent[0]!.settle.resolve({
      ...result('completed'),
      history: [report(1, 9), report(2, 7)],
    });
    await tick();
    expect(records).toEqual([
      {
        at: '2026-12-06T10:00:00.000Z',
        durationMs: 1500,
        backend: 'webgpu',
        outcome: 'completed',
        graph: { nodes: [], edges: [] },
        dataset: { source: 'builtin', name: 'crop-yields' },
        training,
        metrics: { loss: 7 },
        history: [
          { epoch: 1, loss: 9 },
          { epoch: 2, loss: 7 },
        ],
      },
    ]);

    // Continue from epoch 2: its own record, its epochs numbered on.
    store.getState().train();
    sent[1]!.onNotice!({ type: 'train-started', run: 2, facts: { ...facts, backend: 'cpu' } });
    sent[1]!.settle.resolve({ ...result('stopped'), history: [report(3, 6)] });
    await tick();
    expect(records[1]).toMatchObject({ backend: 'cpu', outcome: 'stopped', metrics: { loss: 6 } });
    expect(records[1]!.history).toEqual([{ epoch: 3, loss: 6 }]);

    // Stopped before its first epoch ended: nothing to keep.
    store.getState().train();
    sent[2]!.onNotice!({ type: 'train-started', run: 3, facts });
    sent[2]!.settle.resolve({ ...result('stopped'), history: [] });
    await tick();
    expect(records).toHaveLength(2);
  });
});
