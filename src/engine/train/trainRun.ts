import type { Dataset } from '../data/dataset';
import type { PreparedData } from '../data/loadData';
import type { DataFiles } from '../data/source';
import type { GpuContext } from '../gpu/device';
import { compileForData } from '../model/compileForData';
import type { ModelParams, ModelSpec } from '../model/spec';
import { liveViewBuffers, liveViewer } from './liveViews';
import { type BackendChoice, chooseRunBackend } from './runBackend';
import { initialParams, loadRunData } from './runData';
import { RunSession } from './runSession';
import { EvaluatedPredictions, probabilitiesOf, sampleSetBuffers } from './sampleSets';
import { BatchTracker, stepDetails } from './stepDetails';
import { type EpochReport, Trainer, type TrainerEvent, type TrainerState } from './trainer';
import type {
  EvaluatedOn,
  SplitEvaluation,
  TrainAction,
  TrainNotices,
  TrainResult,
  TrainStart,
} from './trainProtocol';

/** Images (or rows) in the gallery each epoch. */
const GALLERY = 24;

type Notice = TrainNotices extends infer N ? (N extends unknown ? Omit<N, 'run'> : never) : never;

/** What a run needs from the worker: its data files, its device, and a way to talk to the app. */
export interface RunEnvironment {
  readonly files: (request: TrainStart) => DataFiles;
  /** The worker's WebGPU device; a new one after the old one was lost. */
  readonly gpu: () => Promise<GpuContext | undefined>;
  readonly notify: (notice: TrainNotices, transfer?: Transferable[]) => void;
  readonly signal: AbortSignal;
  readonly now?: () => number;
  /** Least time between two live views (weights, fitted line). */
  readonly viewMs?: number;
}

/** The split the confusion matrix and the gallery show: test, else validation, else training. */
function evaluatedSplit(data: PreparedData): { split?: Dataset; on?: EvaluatedOn } {
  if (data.test) return { split: data.test, on: 'test' };
  if (data.validation) return { split: data.validation, on: 'validation' };
  return data.info.task === 'classification' ? { split: data.train, on: 'training' } : {};
}

/** Why a session ended: the Trainer's outcome, or the GPU device gone. */
type Attempt =
  | { readonly kind: 'finished'; readonly result: TrainResult }
  | { readonly kind: 'lost'; readonly reason: string };

/**
 * One training run in the worker: loads and compiles the frozen snapshot, trains it with the
 * Trainer on WebGPU (or the CPU), and turns the Trainer's events into the app's notices with the
 * epoch's confusion matrix, gallery, live views and step details. When the GPU device is lost it
 * starts again on a new device from the parameters of the last finished epoch.
 */
export class TrainRun {
  private trainer: Trainer | undefined;
  private session: RunSession | undefined;
  private readonly early = { pause: false, stop: false, steps: 0 };
  /** The last epoch's predictions on the evaluated split, for `train-cell`. */
  predictions: EvaluatedPredictions | undefined;

  constructor(
    readonly request: TrainStart,
    private readonly env: RunEnvironment,
  ) {
    if (request.stepFirst) this.early.steps++;
    env.signal.addEventListener('abort', () => this.control('stop'));
  }

  /** Applies a control now, or as the run starts when it is still loading its data. */
  control(action: TrainAction): TrainerState | 'none' {
    const trainer = this.trainer;
    if (!trainer) {
      if (action === 'step') this.early.steps++;
      else if (action === 'resume') this.early.pause = false;
      else this.early[action] = true;
      return 'none';
    }
    if (action === 'pause') trainer.pause();
    if (action === 'resume') trainer.resume();
    if (action === 'stop') trainer.stop();
    if (action === 'step' && trainer.currentState !== 'finished') {
      this.session?.captureStep();
      trainer.step();
    }
    return trainer.currentState;
  }

  async run(): Promise<TrainResult> {
    const { request, env } = this;
    const data = await loadRunData(request, env.files(request));
    const model = compileForData(request.graph, data.info, request.training.loss);
    let params = initialParams(request, model);
    let choice = await chooseRunBackend(request.backend, env.gpu, data);
    let offset = 0;
    const history: EpochReport[] = [];
    for (let first = true; ; first = false) {
      const attempt = await this.attempt(data, model, params, choice, offset, history, first);
      if (attempt.kind === 'finished') return attempt.result;
      const session = this.session!;
      offset += session.completedEpochs;
      params = session.epochParams ?? params;
      const paused = this.trainer?.currentState === 'paused';
      this.trainer = undefined;
      this.early.pause = paused;
      choice = await chooseRunBackend(request.backend, env.gpu, data);
      const where = choice.device ? 'a new GPU device' : 'the CPU';
      this.send({
        type: 'train-recovered',
        message: `The GPU device was lost (${attempt.reason}). Training goes on from the end of epoch ${offset} on ${where}.`,
      });
    }
  }

  private send(notice: Notice, transfer?: Transferable[]): void {
    this.env.notify({ ...notice, run: this.request.run } as TrainNotices, transfer);
  }

  private async attempt(
    data: PreparedData,
    model: ModelSpec,
    params: ModelParams,
    choice: BackendChoice,
    offset: number,
    history: EpochReport[],
    first: boolean,
  ): Promise<Attempt> {
    const { request, env } = this;
    const { training } = request;
    const classification = data.info.task === 'classification';
    const { split, on } = evaluatedSplit(data);
    const inner = await choice.backend.createSession(model, params, data.train, training);
    const tracker = new BatchTracker(data.train.count, training);
    const viewer = liveViewer(model, data);
    const { stepsPerEpoch } = inner.progress;
    const session = new RunSession(inner, {
      ...(split && on !== 'validation' && classification ? { evaluate: split } : {}),
      ...(split && classification ? { predict: split } : {}),
      ...(viewer
        ? {
            onParams: (p: ModelParams) => {
              const view = viewer(p);
              this.send({ type: 'train-view', view }, liveViewBuffers(view));
            },
          }
        : {}),
      viewMs: env.viewMs ?? 400,
      onStep: (before, after, at) => {
        const details = stepDetails({
          model,
          before,
          after,
          data: data.train,
          options: training,
          batch: tracker.batch(at.epoch, at.step),
          epoch: at.epoch + offset,
          step: at.step,
          stepsPerEpoch,
          globalStep: at.epoch * stepsPerEpoch + at.step,
        });
        this.send({ type: 'train-step', details });
      },
      ...(env.now ? { now: env.now } : {}),
    });
    this.session = session;
    if (first) {
      this.send({
        type: 'train-started',
        facts: {
          backend: choice.backend.name,
          label: choice.backend.label,
          ...(choice.fallback ? { fallback: choice.fallback } : {}),
          model,
          task: data.info.task,
          ...(data.info.classes ? { classes: data.info.classes } : {}),
          targetNames: data.info.targetNames,
          preprocessing: data.preprocessing,
          epochs: training.epochs,
          stepsPerEpoch,
          trainCount: data.train.count,
          ...(on ? { evaluatedOn: on } : {}),
          evaluatedCount: split?.count ?? 0,
        },
      });
    }
    const softmaxLast = model.layers.at(-1)?.kind === 'softmax';
    const onEpoch = (report: EpochReport) => {
      const shifted = { ...report, epoch: report.epoch + offset, epochs: training.epochs };
      history.push(shifted);
      let evaluation: SplitEvaluation | undefined;
      const own = session.lastEvaluation;
      if (own?.confusionMatrix && on) {
        const { count, loss, accuracy = 0, confusionMatrix } = own;
        evaluation = { on, count, loss, accuracy, confusionMatrix };
      } else if (report.confusionMatrix && on === 'validation') {
        evaluation = {
          on,
          count: split!.count,
          loss: report.valLoss ?? Number.NaN,
          accuracy: report.accuracy ?? 0,
          confusionMatrix: report.confusionMatrix,
        };
      }
      const outputs = session.lastOutputs;
      if (outputs && split && data.info.classes) {
        const probabilities = probabilitiesOf(outputs, data.info.classes.length, softmaxLast);
        this.predictions = new EvaluatedPredictions(split, probabilities, data.preprocessing);
        const gallery = this.predictions.gallery(GALLERY);
        this.send(
          { type: 'train-epoch', report: shifted, ...(evaluation ? { evaluation } : {}), gallery },
          sampleSetBuffers(gallery),
        );
      } else {
        this.send({ type: 'train-epoch', report: shifted, ...(evaluation ? { evaluation } : {}) });
      }
    };
    const trainer: Trainer = new Trainer(session, {
      epochs: training.epochs - offset,
      train: data.train,
      ...(data.validation ? { validation: data.validation } : {}),
      trainingMetrics: false,
      onEvent: (event: TrainerEvent) => {
        if (this.trainer !== trainer) return;
        if (event.type === 'state') this.send({ type: 'train-state', state: event.state });
        if (event.type === 'epoch') onEpoch(event.report);
        if (event.type === 'progress') {
          const batchLosses = event.batchLosses.slice();
          this.send(
            {
              type: 'train-progress',
              epoch: event.progress.epoch + offset,
              step: event.progress.step,
              stepsPerEpoch: event.progress.stepsPerEpoch,
              batchLosses,
              samplesPerSecond: event.samplesPerSecond,
            },
            [batchLosses.buffer],
          );
        }
      },
      ...(env.now ? { now: env.now } : {}),
    });
    this.trainer = trainer;
    this.applyEarlyControls(trainer, session);
    const lost = choice.device?.lost.then((info) => info.message || info.reason || 'unknown');
    const ran = trainer.run().then((outcome) => ({ outcome }));
    // Once the device is lost this session's promise is abandoned: it may still fail.
    ran.catch(() => undefined);
    let ended: { outcome: Awaited<ReturnType<Trainer['run']>> } | { lost: string };
    try {
      ended = await (lost ? Promise.race([ran, lost.then((reason) => ({ lost: reason }))]) : ran);
    } catch (err) {
      // A lost device fails its pending readbacks a moment before `lost` settles.
      const reason = lost && (await Promise.race([lost, delay(500).then(() => undefined)]));
      if (reason === undefined) throw err;
      ended = { lost: reason };
    }
    if ('lost' in ended) {
      trainer.stop();
      return { kind: 'lost', reason: ended.lost };
    }
    const { outcome } = ended;
    const finalParams = await session.getParams();
    session.dispose();
    return {
      kind: 'finished',
      result: {
        outcome: outcome.kind,
        ...(outcome.kind === 'diverged' ? { divergence: outcome.divergence } : {}),
        history,
        params: finalParams,
        model,
      },
    };
  }

  private applyEarlyControls(trainer: Trainer, session: RunSession): void {
    const { early } = this;
    if (early.stop) trainer.stop();
    if (early.pause) trainer.pause();
    for (; early.steps > 0; early.steps--) {
      session.captureStep();
      trainer.step();
    }
    early.pause = false;
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
