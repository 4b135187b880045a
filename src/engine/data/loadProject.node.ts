import type { Project } from '../../shared/project';
import { type PreparedData, prepareData } from './loadData';
import { nodeFiles } from './nodeFiles.node.ts';

/**
 * The command line's data loader: reads the dataset a project names (a built-in from
 * `resources/datasets`, or files whose relative paths start at `projectDir`, the folder of the
 * project file), splits it (`training.validationSplit`, `training.seed`) and normalises it
 * (`training.normalize`, fitted on the training split). Every problem with the data is an
 * InputError whose message names the file, row and column: print it as `error: <message>`, exit 2.
 *
 * @example
 * const data = await loadProjectData(project, dirname(projectPath));
 * // data.train, data.validation?, data.test? (Fashion-MNIST's t10k), data.preprocessing, data.info
 */
export function loadProjectData(project: Project, projectDir: string): Promise<PreparedData> {
  return prepareData(project.dataset, project.training, nodeFiles(projectDir));
}
