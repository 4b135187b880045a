import { earlyStoppingProblem } from '../../shared/project';
import type { PreparedData } from '../data/loadData';
import type { DataFiles } from '../data/source';
import { InputError, StoppedError, throwIfStopped } from '../errors';
import type { GpuContext } from '../gpu/device';
import { trainingMemory } from '../model/budget';
import { compileForData } from '../model/compileForData';
import type { ModelParams, ModelSpec } from '../model/spec';
import { adviseOn } from '../train/doctor';
import type { EpochReport } from '../train/trainer';
import { Trainer, type TrainerEvent, type TrainerState } from '../train/trainer';
import type { TrainAction, TrainNotices, TrainResult, TrainStart } from '../worker/trainMessages';
import { evaluatedSplit } from './evaluatedSplit';
import { type FeatureMaps, type FeatureSource, featureMaps, hasFeatureMaps } from './featureMaps';
import { type BackendChoice, chooseRunBackend } from './runBackend';
import { initialParams, loadRunData } from './runData';
import { epochNotice, progressNotice, type RunNotice, runFacts } from './runNotices';
import { RunSession } from './runSession';
import { runSessionOptions } from './runSessionOptions';
import type { EvaluatedPredictions } from './sampleSets';
import { sessionEnd } from './sessionEnd';

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
export class Run {
  private trainer: Trainer | undefined;
  private session: RunSession | undefined;
  private readonly early = { pause: false, stop: false, steps: 0 };
  /** Aborted by a Stop before training began: setting up a session gives up at once. */
  private readonly stopping = new AbortController();
  /** Epochs in all: those of a resumed run, and this run's `training.epochs` more. */
  private total = 0;
  /** The last epoch's predictions on the evaluated split, for `train-cell`. */
  predictions: EvaluatedPredictions | undefined;
  /**
   * What `train-features` reads, for a model with conv or pool layers: its evaluated split and
   * its latest parameters (the first ones, then each finished epoch's, then a copy of the last).
   */
  private features: FeatureSource | undefined;

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
      if (action === 'stop') this.stopping.abort();
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

  /**
   * The feature maps of evaluated sample `index` from the run's latest parameters; undefined
   * while the run loads, and for a model without conv or pool layers.
   */
  featureMaps(index: number): FeatureMaps | undefined {
    return this.features && featureMaps(this.features, index);
  }

  /**
   * Loads, compiles and trains the run. A Stop before the first step ends it at the next phase
   * (after the data, the compile, the backend choice, or between the steps of setting up a
   * session), without parameters.
   */
  async run(): Promise<TrainResult> {
    try {
      return await this.load();
    } catch (err) {
      if (err instanceof StoppedError) return { outcome: 'stopped', history: [] };
      throw err;
    }
  }

  private async load(): Promise<TrainResult> {
    const { request, env } = this;
    const problem = earlyStoppingProblem(request.training);
    if (problem) throw new InputError(problem);
    const stopped = () => throwIfStopped(this.stopping.signal);
    const data = await loadRunData(request, env.files(request));
    stopped();
    const model = compileForData(request.graph, data.info, request.training);
    stopped();
    const start = initialParams(request, model);
    const { split } = evaluatedSplit(data);
    if (split && hasFeatureMaps(model)) {
      const { params, epoch } = start;
      this.features = { model, params, epoch, data: split, preprocessing: data.preprocessing };
    }
    let params = start.params;
    let offset = start.epoch;
    this.total = start.epoch + request.training.epochs;
    const memory = trainingMemory(model, request.training, data.train.count);
    let choice = await chooseRunBackend(request.backend, env.gpu, data, memory);
    stopped();
    const history: EpochReport[] = [];
    for (let first = true; ; first = false) {
      const attempt = await this.attempt(data, model, params, choice, offset, history, first);
      if (attempt.kind === 'finished') {
        const { result } = attempt;
        if (result.outcome !== 'diverged') return result;
        // Worked out on CPU copies of the model from the run's first weights, before replying.
        const advice = await adviseOn(model, start.params, data.train, request.training);
        return { ...result, advice };
      }
      const session = this.session!;
      offset += session.completedEpochs;
      params = session.epochParams ?? params;
      const paused = this.trainer?.currentState === 'paused';
      this.trainer = undefined;
      this.early.pause = paused;
      choice = await chooseRunBackend(request.backend, env.gpu, data, memory);
      const where = choice.device ? 'a new GPU device' : 'the CPU';
      this.send({
        type: 'train-recovered',
        message: `The GPU device was lost (${attempt.reason}). Training goes on from the end of epoch ${offset} on ${where}.`,
      });
    }
  }

  private send(notice: RunNotice, transfer?: Transferable[]): void {
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
    const evaluated = evaluatedSplit(data);
    const inner = await choice.backend.createSession(model, params, data.train, {
      ...training,
      firstEpoch: offset,
      signal: this.stopping.signal,
    });
    const { stepsPerEpoch } = inner.progress;
    const session = new RunSession(
      inner,
      runSessionOptions({
        model,
        data,
        training,
        evaluated,
        offset,
        stepsPerEpoch,
        send: (notice, transfer) => this.send(notice, transfer),
        viewMs: env.viewMs ?? 400,
        ...(env.now ? { now: env.now } : {}),
      }),
    );
    this.session = session;
    if (first) {
      const facts = runFacts({
        choice,
        model,
        data,
        epochs: this.total,
        stepsPerEpoch,
        evaluated,
      });
      this.send({ type: 'train-started', facts });
    }
    const softmaxLast = model.layers.at(-1)?.kind === 'softmax';
    const onEpoch = (report: EpochReport) => {
      const shifted = { ...report, epoch: report.epoch + offset, epochs: this.total };
      history.push(shifted);
      const epoch = epochNotice(shifted, { model, data, evaluated, softmaxLast, session });
      if (epoch.predictions) this.predictions = epoch.predictions;
      if (this.features && session.epochParams) {
        this.features = { ...this.features, params: session.epochParams, epoch: shifted.epoch };
      }
      this.send(epoch.notice, epoch.transfer);
    };
    const trainer: Trainer = new Trainer(session, {
      epochs: this.total - offset,
      train: data.train,
      ...(data.validation ? { validation: data.validation } : {}),
      trainingMetrics: false,
      ...(training.earlyStopping ? { earlyStopping: training.earlyStopping } : {}),
      onEvent: (event: TrainerEvent) => {
        if (this.trainer !== trainer) return;
        if (event.type === 'state') this.send({ type: 'train-state', state: event.state });
        if (event.type === 'epoch') onEpoch(event.report);
        if (event.type === 'progress') this.send(...progressNotice(event, offset));
      },
      ...(env.now ? { now: env.now } : {}),
    });
    this.trainer = trainer;
    this.applyEarlyControls(trainer, session);
    const ended = await sessionEnd(choice.device, () => trainer.run());
    if ('lost' in ended) {
      trainer.stop();
      return { kind: 'lost', reason: ended.lost };
    }
    const { outcome } = ended;
    const finalParams = await session.getParams();
    session.dispose();
    if (this.features) {
      // A copy: the reply moves the parameters' buffers to the app.
      const params = finalParams.map((p) => ({
        weight: p.weight.slice(),
        bias: p.bias.slice(),
        ...(p.runningMean ? { runningMean: p.runningMean.slice() } : {}),
        ...(p.runningVar ? { runningVar: p.runningVar.slice() } : {}),
      }));
      this.features = { ...this.features, params, epoch: history.at(-1)?.epoch ?? offset };
    }
    return {
      kind: 'finished',
      result: {
        outcome: outcome.kind,
        ...(outcome.kind === 'diverged' ? { divergence: outcome.divergence } : {}),
        ...(outcome.kind === 'completed' && outcome.earlyStop
          ? {
              earlyStop: {
                ...outcome.earlyStop,
                epoch: outcome.earlyStop.epoch + offset,
                bestEpoch: outcome.earlyStop.bestEpoch + offset,
              },
            }
          : {}),
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
