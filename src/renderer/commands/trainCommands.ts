import { trainingStore, uiStore } from '../stores/appStores';
import type { Commands } from './command';

const training = () => trainingStore.getState();

/** Training controls: the panel's buttons, shortcuts and menus run these. */
export const trainCommands = {
  train: () => {
    uiStore.getState().showTab('Training');
    return training().train();
  },
  'pause-training': () =>
    training().phase === 'paused' ? training().resume() : training().pause(),
  'stop-training': () => training().stop(),
  step: () => training().step(),
  'reset-weights': () => training().resetWeights(),
} satisfies Commands;
