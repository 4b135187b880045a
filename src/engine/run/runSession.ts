import type { Evaluation, LayerInsides, LossReadout, Progress, TrainingSession } from '../backend';
import type { Dataset } from '../data/dataset';
import type { ModelParams } from '../model/spec';

/** What the app's run measures besides what the Trainer does. */
export interface RunSessionOptions {
  /** A split to evaluate at each epoch end (the test split, which the Trainer does not see). */
  readonly evaluate?: Dataset;
  /** A split whose outputs to keep at each epoch end: the confusion matrix's samples. */
  readonly predict?: Dataset;
  /** Called with a copy of the parameters at each epoch end, and at most every `viewMs` between. */
  readonly onParams?: (params: ModelParams) => void;
  readonly viewMs?: number;
  /** Reads the layers' insides (histograms, dead units) at each epoch end, once. */
  readonly insides?: boolean;
  /** Called after a captured step (see `captureStep`) with the parameters around it. */
  readonly onStep?: (before: ModelParams, after: ModelParams, at: Progress) => void;
  readonly now?: () => number;
}

/**
 * A TrainingSession that also does the app's per-epoch work between the Trainer's calls, on the
 * same session and in order (so the GPU queue never sees two callers): evaluates the test split,
 * keeps the evaluated outputs, the layers' insides and a copy of the parameters at each epoch end
 * (what a run resumes from when the GPU device is lost), reads parameters for the live views, and
 * records the
 * parameters around a Step.
 */
export class RunSession implements TrainingSession {
  /** Epochs finished in this session. */
  completedEpochs = 0;
  /** The parameters at the end of the last finished epoch. */
  epochParams: ModelParams | undefined;
  /** Evaluation of `options.evaluate` at the last epoch end. */
  lastEvaluation: Evaluation | undefined;
  /** Outputs of the model on `options.predict` at the last epoch end, `[count][outputs]`. */
  lastOutputs: Float32Array | undefined;
  /** The layers' insides at the last epoch end, with `options.insides`. */
  lastInsides: LayerInsides[] | undefined;
  private captures = 0;
  private lastView = -Infinity;
  private readonly now: () => number;

  constructor(
    readonly inner: TrainingSession,
    private readonly options: RunSessionOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  get progress(): Progress {
    return this.inner.progress;
  }

  get learningRate(): number {
    return this.inner.learningRate;
  }

  /** Records the parameters around the next one-step call (the Trainer's Step). */
  captureStep(): void {
    this.captures++;
  }

  async train(steps: number): Promise<number> {
    const capture = this.captures > 0 && steps === 1;
    const at = this.inner.progress;
    const before = capture ? await this.inner.getParams() : undefined;
    const ran = await this.inner.train(steps);
    if (before) {
      this.captures--;
      this.options.onStep?.(before, await this.inner.getParams(), at);
    }
    if (this.inner.progress.step === 0) await this.endOfEpoch();
    else if (this.options.onParams && this.now() - this.lastView >= (this.options.viewMs ?? 500)) {
      this.lastView = this.now();
      this.options.onParams(await this.inner.getParams());
    }
    return ran;
  }

  private async endOfEpoch(): Promise<void> {
    const { evaluate, predict, onParams, insides } = this.options;
    // First: the outputs they bin are the last training batch's, which an evaluation may overwrite.
    this.lastInsides = insides ? await this.inner.insides() : undefined;
    this.lastEvaluation = evaluate ? await this.inner.evaluate(evaluate) : undefined;
    this.lastOutputs = predict ? await this.inner.predict(predict.x, predict.count) : undefined;
    this.epochParams = await this.inner.getParams();
    this.completedEpochs++;
    this.lastView = this.now();
    onParams?.(this.epochParams);
  }

  readLoss(): Promise<LossReadout> {
    return this.inner.readLoss();
  }

  evaluate(data: Dataset): Promise<Evaluation> {
    return this.inner.evaluate(data);
  }

  predict(x: Float32Array, count: number): Promise<Float32Array> {
    return this.inner.predict(x, count);
  }

  insides(): Promise<LayerInsides[]> {
    return this.inner.insides();
  }

  getParams(): Promise<ModelParams> {
    return this.inner.getParams();
  }

  setParams(params: ModelParams): Promise<void> {
    return this.inner.setParams(params);
  }

  dispose(): void {
    this.inner.dispose();
  }
}
