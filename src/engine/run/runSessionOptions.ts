// What a run asks of its RunSession besides training: the evaluated split's measurement, and the
// live views and step details it sends the app as notices. Made again for each session, since a
// session that resumes after a lost device counts its epochs from `offset`.

import type { TrainingSettings } from '../../shared/project';
import type { PreparedData } from '../data/loadData';
import type { ModelParams, ModelSpec } from '../model/spec';
import { type EvaluatedSplit, sessionSplits } from './evaluatedSplit';
import { liveViewBuffers, liveViewer } from './liveViews';
import type { RunNotice } from './runNotices';
import type { RunSessionOptions } from './runSession';
import { BatchTracker, stepDetails } from './stepDetails';

/** What the session's notices are made of, and where they go. */
export interface SessionSource {
  readonly model: ModelSpec;
  readonly data: PreparedData;
  readonly training: TrainingSettings;
  readonly evaluated: EvaluatedSplit;
  /** Epochs the run finished before this session started. */
  readonly offset: number;
  readonly stepsPerEpoch: number;
  readonly send: (notice: RunNotice, transfer?: Transferable[]) => void;
  readonly viewMs: number;
  readonly now?: () => number;
}

/** The RunSession's options for one session of a run. */
export function runSessionOptions(source: SessionSource): RunSessionOptions {
  const { model, data, training, offset, stepsPerEpoch, send } = source;
  const tracker = new BatchTracker(data.train.count, training);
  const viewer = liveViewer(model, data);
  return {
    ...sessionSplits(source.evaluated, data.info.task === 'classification'),
    ...(viewer
      ? {
          onParams: (p: ModelParams) => {
            const view = viewer(p);
            send({ type: 'train-view', view }, liveViewBuffers(view));
          },
        }
      : {}),
    viewMs: source.viewMs,
    insides: true,
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
      send({ type: 'train-step', details });
    },
    ...(source.now ? { now: source.now } : {}),
  };
}
