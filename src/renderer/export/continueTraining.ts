import type { ModelFile } from '../../engine';
import { mayReplace, openProject } from '../project/projectDocument';
import { documentStores, uiStore } from '../stores/appStores';
import { projectFromModel } from './projectFromModel';

/**
 * Opens a model file as the project (asking first if the open one has unsaved changes), with its
 * trained parameters as the initial weights, so that Train continues where it stopped (opening a
 * project forgets the runs of the one before: stores/runGuard.ts). Returns false when the user
 * kept the open project.
 */
export function continueTraining(file: ModelFile, fileName: string): boolean {
  if (!mayReplace(documentStores)) return false;
  openProject(documentStores, projectFromModel(file));
  uiStore
    .getState()
    .notify('info', `Opened ${fileName} as a project: Train continues from its trained weights`);
  return true;
}
