import type { DatasetInfo } from '../engine/data/loadData';
import { InputError } from '../engine/errors';
import { compileGraph, type DataInfo } from '../engine/model/compile';
import type { ModelSpec } from '../engine/model/spec';
import type { Project } from '../shared/project';

/** What compile needs to know of a loaded dataset. */
export function dataInfoOf(info: DatasetInfo): DataInfo {
  return {
    sampleShape: info.sampleShape,
    task: info.task,
    outputs: info.task === 'classification' ? (info.classes?.length ?? 0) : info.targetNames.length,
  };
}

/**
 * The project's graph as a model, or an InputError with its first error: on which node, what is
 * wrong and what to do (the app shows them all on the graph; a terminal gets one line).
 */
export function compileProject(project: Project, info: DatasetInfo): ModelSpec {
  const result = compileGraph(project.graph, dataInfoOf(info), project.training.loss);
  if (result.model) return result.model;
  const errors = result.problems.filter((p) => p.severity === 'error');
  const first = errors[0]!;
  const where = first.nodeId === undefined ? 'graph' : `graph node "${first.nodeId}"`;
  const more =
    errors.length > 1
      ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})`
      : '';
  throw new InputError(`${where}: ${first.message}${more}`);
}
