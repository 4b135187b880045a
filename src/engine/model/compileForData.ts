import type { Graph, TrainingSettings } from '../../shared/project';
import type { DatasetInfo } from '../data/loadData';
import { InputError } from '../errors';
import { compileGraph } from './compile';
import { dataShapeOf } from './dataShape';
import type { ModelSpec } from './spec';

/**
 * The graph as a model for the loaded data, or an InputError with its first error: on which
 * node, what is wrong and what to do (the app marks them all on the graph; a terminal or a
 * training run gets one line). Used by `layerboard train` and by the worker's training runs.
 */
export function compileForData(
  graph: Graph,
  info: DatasetInfo,
  training: Pick<TrainingSettings, 'loss' | 'batchSize' | 'optimizer'>,
): ModelSpec {
  const result = compileGraph(graph, dataShapeOf(info), training.loss, training);
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
