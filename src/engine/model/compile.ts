import type { Graph, GraphNode, LossName, TrainingSettings } from '../../shared/project';
import { memoryProblem, type TrainingMemory, trainingMemory } from './budget';
import type { DataShape } from './dataShape';
import { analyseStructure, type GraphStructure } from './graphStructure';
import { trainableCount } from './layers';
import { batchNormBatchProblem, chainAdvice, lossProblems, outputProblem } from './modelChecks';
import { type NodeParams, nodeDefinition } from './nodes';
import { hasErrors, type Problem } from './problems';
import { foldsFinalSoftmax } from './softmaxFold';
import type { LayerSpec, ModelSpec } from './spec';

export type { Problem } from './problems';

export interface CompileResult {
  /** The Sequential model, present only when there is no error. */
  readonly model?: ModelSpec;
  /** Output shape of each node reachable from the Input (no batch dimension), for the wires. */
  readonly shapes: Record<string, number[] | undefined>;
  readonly paramCounts: Record<string, number>;
  readonly totalParams: number;
  readonly problems: Problem[];
  /** What training the model takes in memory, when the training settings were given. */
  readonly memory?: TrainingMemory;
  /** True when the last Softmax is folded into the cross-entropy loss for training. */
  readonly softmaxFolded: boolean;
}

export const NO_DATA_MESSAGE =
  'no dataset is loaded yet, so the shapes are unknown: choose a built-in dataset or import a file';

function parseParams(node: GraphNode, problems: Problem[]): NodeParams | undefined {
  const result = nodeDefinition(node.kind).schema.safeParse(node.params ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ nodeId: node.id, severity: 'error', message: issue.message });
  }
  return undefined;
}

/** Shapes and parameter counts of every node the Input reaches, in wiring order. */
function inferShapes(
  structure: GraphStructure,
  params: ReadonlyMap<string, NodeParams | undefined>,
  data: DataShape | undefined,
  problems: Problem[],
) {
  const shapes: Record<string, number[] | undefined> = {};
  const paramCounts: Record<string, number> = {};
  for (const id of data ? structure.reachable : []) {
    const node = structure.nodes.get(id)!;
    const def = nodeDefinition(node.kind);
    const inputShape =
      node.kind === 'input' ? data?.sampleShape : shapes[structure.source.get(id)!];
    const nodeParams = params.get(id);
    if (inputShape === undefined || nodeParams === undefined) continue;
    const result = def.inferShape(inputShape, nodeParams);
    if ('error' in result) {
      problems.push({ nodeId: id, severity: 'error', message: result.error });
      continue;
    }
    shapes[id] = result.shape;
    const layer = def.toLayer(id, inputShape, nodeParams) as LayerSpec | undefined;
    paramCounts[id] = layer ? trainableCount(layer) : 0;
    const note = def.note?.(inputShape, nodeParams);
    if (note) problems.push({ nodeId: id, severity: 'warning', message: note });
  }
  return { shapes, paramCounts };
}

/**
 * Turns a project's graph into a Sequential model, inferring the shape of every wire and
 * reporting each problem against the node it concerns. Without `data` (a file not loaded yet)
 * it still checks the wiring and the parameters, and reports that the data is missing. With the
 * `training` settings it also checks the memory training needs (budget.ts), before anything is
 * allocated.
 *
 * @example
 * const result = compileGraph(project.graph, { sampleShape: [3], task: 'regression', outputs: 2 }, 'mse');
 * if (result.model) startTraining(result.model); else showProblems(result.problems);
 */
export function compileGraph(
  graph: Graph,
  data: DataShape | undefined,
  loss: LossName,
  training?: Pick<TrainingSettings, 'batchSize' | 'optimizer'>,
): CompileResult {
  const structure = analyseStructure(graph);
  const problems: Problem[] = [...structure.problems];
  const params = new Map<string, NodeParams | undefined>();
  for (const node of structure.nodes.values()) params.set(node.id, parseParams(node, problems));

  const { shapes, paramCounts } = inferShapes(structure, params, data, problems);
  const totalParams = Object.values(paramCounts).reduce((a, b) => a + b, 0);

  if (data) problems.push(...lossProblems(loss, data));
  else problems.push({ severity: 'error', message: NO_DATA_MESSAGE });
  const structureOk = !hasErrors(structure.problems) && structure.inputId !== undefined;
  const chain = structure.chain.map((id) => structure.nodes.get(id)!);
  const last = chain[chain.length - 1];
  if (structureOk && chain.length === 1) {
    problems.push({
      nodeId: structure.inputId,
      severity: 'error',
      message: 'the model has no layers yet: connect a Linear after the Input',
    });
  } else if (structureOk && last !== undefined) {
    const outShape = shapes[last.id];
    const problem = outShape && data && outputProblem(chain, outShape, data);
    if (problem) problems.push(problem);
    problems.push(...chainAdvice(chain, loss));
  }
  const softmaxFolded = structureOk && foldsFinalSoftmax(loss, chain);

  let model: ModelSpec | undefined;
  if (data && !hasErrors(problems)) {
    const layers: LayerSpec[] = [];
    for (const node of chain.slice(1)) {
      const inputShape = shapes[structure.source.get(node.id)!]!;
      const layer = nodeDefinition(node.kind).toLayer(node.id, inputShape, params.get(node.id)!);
      if (layer) layers.push(layer as LayerSpec);
    }
    model = { inputShape: [...data.sampleShape], layers };
  }
  const oneSample =
    model && training && batchNormBatchProblem(model, training.batchSize, data?.rows);
  if (oneSample) {
    problems.push(oneSample);
    model = undefined;
  }
  const memory = model && training ? trainingMemory(model, training, data?.rows) : undefined;
  const tooBig = memory && memoryProblem(memory);
  if (tooBig) {
    problems.push({ severity: 'error', message: tooBig });
    model = undefined;
  }
  return {
    ...(model ? { model } : {}),
    ...(memory ? { memory } : {}),
    shapes,
    paramCounts,
    totalParams,
    problems,
    softmaxFolded,
  };
}
