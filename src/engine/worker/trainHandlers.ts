import { browserFiles } from '../data/browserFiles';
import { InputError } from '../errors';
import { featureMapBuffers } from '../run/featureMaps';
import { Run, type RunEnvironment } from '../run/run';
import { sampleSetBuffers } from '../run/sampleSets';
import type { Handlers } from './handlerContext';
import type { TrainRequests } from './trainMessages';

/** How the handlers reach data and time: the browser's by default, the disk's in tests. */
export interface TrainHandlerOptions {
  readonly files?: RunEnvironment['files'];
  readonly now?: () => number;
  readonly viewMs?: number;
}

/**
 * The worker's training handlers. One run trains at a time; the last one stays to answer
 * `train-cell` (the samples behind a confusion-matrix cell) and `train-features` (an image's
 * feature maps) until the next starts.
 */
export function createTrainHandlers(
  options: TrainHandlerOptions = {},
): Handlers<keyof TrainRequests> {
  let current: Run | undefined;
  const files: RunEnvironment['files'] =
    options.files ??
    ((request) => browserFiles({ datasetsUrl: request.datasetsUrl, imports: request.imports }));
  return {
    'train-start': async (request, ctx) => {
      current?.control('stop');
      const run = new Run(request, {
        files,
        gpu: ctx.gpu,
        notify: ctx.notify,
        signal: ctx.signal,
        ...(options.now ? { now: options.now } : {}),
        ...(options.viewMs !== undefined ? { viewMs: options.viewMs } : {}),
      });
      current = run;
      const result = await run.run();
      // A set: the GPU's parameters may be views of one read-back buffer.
      const buffers = new Set(
        (result.params ?? []).flatMap((p) => [p.weight.buffer, p.bias.buffer]),
      );
      ctx.transfer.push(...(buffers as Set<ArrayBuffer>));
      return result;
    },
    'train-control': async (request) => {
      if (current?.request.run !== request.run) return { state: 'none' };
      return { state: current.control(request.action) };
    },
    'train-cell': async (request, ctx) => {
      const predictions = current?.request.run === request.run ? current.predictions : undefined;
      if (!predictions) {
        throw new InputError('no evaluated predictions yet: train for one epoch first');
      }
      const set = predictions.select(request.truth, request.predicted, request.limit);
      ctx.transfer.push(...sampleSetBuffers(set));
      return set;
    },
    'train-features': async (request, ctx) => {
      const maps =
        current?.request.run === request.run ? current.featureMaps(request.index) : undefined;
      if (!maps) {
        throw new InputError(
          'no feature maps: the run is not loaded, or its model has no conv or pool layer',
        );
      }
      ctx.transfer.push(...featureMapBuffers(maps));
      return maps;
    },
  };
}

/** The worker's training handlers on the browser's data files. */
export const trainHandlers = createTrainHandlers();
