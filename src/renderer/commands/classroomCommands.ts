import { TRAINING_BLOCKS_GRADING } from '../classroom/teacher/appGrading';
import { trainingStore, uiStore } from '../stores/appStores';
import type { Commands } from './command';

/** The teacher's side: make an assignment of the open project, and grade hand-ins. */
export const classroomCommands = {
  'save-assignment': () => uiStore.getState().openDialog('assignment'),
  'grade-hand-ins': () => {
    if (trainingStore.getState().running)
      uiStore.getState().notify('error', TRAINING_BLOCKS_GRADING);
    else uiStore.getState().openDialog('grade');
  },
} satisfies Commands;
