import { afterEach, describe, expect, it } from 'vitest';
import {
  GRADING_BLOCKS_TRAINING,
  gradingStore,
  TRAINING_BLOCKS_GRADING,
} from '../classroom/teacher/appGrading';
import { trainingStore, uiStore } from '../stores/appStores';
import { classroomCommands } from './classroomCommands';
import { trainCommands } from './trainCommands';

const lastNotice = () => uiStore.getState().notices.at(-1)?.text;

afterEach(() => {
  trainingStore.setState({ running: false, phase: 'idle' });
  gradingStore.setState({ busy: false });
  uiStore.getState().openDialog(undefined);
});

describe('the classroom commands', () => {
  it('open the assignment form and the teacher view', () => {
    classroomCommands['save-assignment']();
    expect(uiStore.getState().dialog).toBe('assignment');
    classroomCommands['grade-hand-ins']();
    expect(uiStore.getState().dialog).toBe('grade');
  });

  it('do not grade while the app trains, and say why', () => {
    trainingStore.setState({ running: true, phase: 'running' });
    classroomCommands['grade-hand-ins']();
    expect(uiStore.getState().dialog).toBeUndefined();
    expect(lastNotice()).toBe(TRAINING_BLOCKS_GRADING);
  });

  it('keep Train and Step from starting a run while hand-ins are graded', () => {
    gradingStore.setState({ busy: true });
    trainCommands.train();
    expect(trainingStore.getState().running).toBe(false);
    expect(lastNotice()).toBe(GRADING_BLOCKS_TRAINING);
    trainCommands.step();
    expect(trainingStore.getState().running).toBe(false);
  });
});
