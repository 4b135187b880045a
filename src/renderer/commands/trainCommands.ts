import { GRADING_BLOCKS_TRAINING, gradingStore } from '../classroom/teacher/appGrading';
import { compileStore, trainingStore, uiStore } from '../stores/appStores';
import { trainBlockers } from '../stores/trainingStore';
import type { Commands } from './command';

const training = () => trainingStore.getState();

/**
 * True when a new run may start; otherwise shows the Training tab, whose controls list why not
 * (an invalid field, a graph with errors), and says so; or says that hand-ins are being graded.
 * A paused or running run goes on.
 */
function mayStart(): boolean {
  if (training().running) return true;
  if (gradingStore.getState().busy) {
    uiStore.getState().notify('error', GRADING_BLOCKS_TRAINING);
    return false;
  }
  const { problems } = compileStore.getState().result;
  const reasons = trainBlockers(uiStore.getState().invalidFields, problems);
  if (reasons.length === 0) return true;
  uiStore.getState().showTab('Training');
  uiStore.getState().notify('error', `Training cannot start yet: ${reasons.join('; ')}.`);
  return false;
}

/** Training controls: the panel's buttons, shortcuts and menus run these. */
export const trainCommands = {
  train: () => {
    if (!mayStart()) return;
    uiStore.getState().showTab('Training');
    training().train();
  },
  'pause-training': () =>
    training().phase === 'paused' ? training().resume() : training().pause(),
  'stop-training': () => training().stop(),
  step: () => {
    if (mayStart()) training().step();
  },
  'reset-weights': () => training().resetWeights(),
} satisfies Commands;
