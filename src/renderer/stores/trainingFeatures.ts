import type { FeatureMaps } from '../../engine';
import type { TrainingState } from './trainingState';

type Get = () => TrainingState;
type Set = (changes: Partial<TrainingState>) => void;

/**
 * The inspected image's feature maps, asked of the worker one request at a time. What is wanted
 * meanwhile (another image, the weights of an epoch just ended) is asked for once the request
 * under way answers, and only once however often it was wanted; an answer for an image no longer
 * inspected, or of a run no longer shown, is dropped.
 */
export class FeatureMapRequests {
  /** The run whose model has feature maps (its facts said so), until another starts. */
  private run: number | undefined;
  private busy = false;
  private again = false;

  constructor(
    private readonly get: Get,
    private readonly set: Set,
    private readonly ask: (run: number, index: number) => Promise<FeatureMaps>,
  ) {}

  /**
   * Run `run` started with a model that has feature maps: they are shown for the inspected
   * image, the evaluated split's first by default, from its first weights on.
   */
  started(run: number): void {
    this.run = run;
    if (!this.get().inspected) this.set({ inspected: { index: 0 } });
    this.refresh();
  }

  /** Another run starts, or the runs are forgotten: nothing to ask until its facts come. */
  forget(): void {
    this.run = undefined;
  }

  /** Shows the maps of evaluated sample `index` (its old maps are another image's: gone). */
  inspect(index: number): void {
    if (this.run === undefined || this.get().run !== this.run) return;
    this.set({ inspected: { index } });
    this.refresh();
  }

  /** Asks again for the inspected image: the run's weights changed (an epoch ended). */
  refresh(): void {
    const run = this.run;
    const wanted = this.get().inspected;
    if (run === undefined || !wanted || this.get().run !== run) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    const { index } = wanted;
    const current = () => this.get().run === run && this.get().inspected?.index === index;
    this.ask(run, index)
      .then(
        (maps) => {
          if (current()) this.set({ inspected: { index, maps } });
        },
        (err: unknown) => {
          if (current()) this.set({ inspected: { index, error: (err as Error).message } });
        },
      )
      .finally(() => {
        this.busy = false;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }
}
