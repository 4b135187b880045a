import { trainingStore, uiStore } from '../stores/appStores';
import type { Command } from './command';

const training = () => trainingStore.getState();

/** Training controls: the panel's buttons, shortcuts and menus run these. */
export const trainCommands = [
  {
    id: 'train',
    label: 'Train',
    shortcuts: ['Mod+Enter'],
    undoable: false,
    run: () => {
      uiStore.getState().showTab('Training');
      return training().train();
    },
  },
  {
    id: 'pause-training',
    label: 'Pause or resume training',
    shortcuts: [],
    undoable: false,
    run: () => (training().phase === 'paused' ? training().resume() : training().pause()),
  },
  {
    id: 'stop-training',
    label: 'Stop training',
    shortcuts: [],
    undoable: false,
    run: () => training().stop(),
  },
  {
    id: 'step',
    label: 'Step one batch',
    shortcuts: [],
    undoable: false,
    run: () => training().step(),
  },
  {
    id: 'reset-weights',
    label: 'Reset weights',
    shortcuts: [],
    undoable: false,
    run: () => training().resetWeights(),
  },
] satisfies Command[];
