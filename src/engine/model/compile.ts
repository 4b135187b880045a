import type { Graph, GraphNode, LossName } from '../../shared/project';
import { analyseStructure, type GraphStructure } from './graphStructure';
import { type NodeParams, nodeDefinition } from './nodes';
import { hasErrors, type Problem } from './problems';
import { batchShapeText } from './shapeText';
import type { LayerSpec, ModelSpec } from './spec';

export type { Problem } from './problems';

/** What compile needs to know about the dataset. */
export interface DataInfo {
  /** One sample's shape: `[3]` for three feature columns, `[28, 28]` for images. */
  readonly sampleShape: readonly number[];
  readonly task: 'regression' | 'classification';
  /** Number of regression targets, or number of classes. */
  readonly outputs: number;
}

export interface CompileResult {
  /** The Sequential model, present only when there is no error. */
  readonly model?: ModelSpec;
  /** Output shape of each node reachable from the Input (no batch dimension), for the wires. */
  readonly shapes: Record<string, number[] | undefined>;
  readonly paramCounts: Record<string, number>;
  readonly totalParams: number;
  readonly problems: Problem[];
  /** True when the last Softmax is folded into the cross-entropy loss for training. */
  readonly softmaxFolded: boolean;
}

export const NO_DATA_MESSAGE =
  'no dataset is loaded yet, so the shapes are unknown: choose a built-in dataset or import a file';

export const SOFTMAX_FOLDED_MESSAGE =
  "Cross-entropy applies softmax itself (as PyTorch's nn.CrossEntropyLoss does): this Softmax is folded into one stable log-softmax during training, and kept for predictions.";

function parseParams(node: GraphNode, problems: Problem[]): NodeParams | undefined {
  const result = nodeDefinition(node.kind).schema.safeParse(node.params ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ nodeId: node.id, severity: 'error', message: issue.message });
  }
  return undefined;
}

function lossProblems(loss: LossName, data: DataInfo): Problem[] {
  if (loss === 'cross-entropy' && data.task === 'regression') {
    return [
      {
        severity: 'error',
        message:
          'cross-entropy needs class labels but this dataset has numeric targets (regression): choose the MSE loss',
      },
    ];
  }
  if (loss === 'mse' && data.task === 'classification') {
    return [
      {
        severity: 'error',
        message:
          "MSE needs numeric targets but this dataset has class labels (PyTorch's nn.MSELoss would need them one-hot encoded): choose the cross-entropy loss",
      },
    ];
  }
  return [];
}

function outputProblem(chain: readonly GraphNode[], shape: readonly number[], data: DataInfo) {
  const wanted =
    data.task === 'classification' ? `${data.outputs} classes` : `${data.outputs} targets`;
  const last = chain[chain.length - 1]!;
  if (shape.length !== 1) {
    return {
      nodeId: last.id,
      severity: 'error' as const,
      message: `the model ends with ${batchShapeText(shape)} but the dataset has ${wanted}: end with a Flatten and a Linear with ${data.outputs} out features`,
    };
  }
  if (shape[0] === data.outputs) return undefined;
  const lastLinear = [...chain].reverse().find((n) => n.kind === 'linear');
  return lastLinear
    ? {
        nodeId: lastLinear.id,
        severity: 'error' as const,
        message: `the last Linear gives ${shape[0]} outputs but the dataset has ${wanted}: set its Out features to ${data.outputs}`,
      }
    : {
        nodeId: last.id,
        severity: 'error' as const,
        message: `the model gives ${shape[0]} outputs but the dataset has ${wanted}: add a Linear with ${data.outputs} out features at the end`,
      };
}

/** Advice that does not stop training: patterns that work against the student. */
function chainAdvice(chain: readonly GraphNode[], loss: LossName): Problem[] {
  const advice: Problem[] = [];
  chain.forEach((node, i) => {
    const next = chain[i + 1];
    if (node.kind === 'linear' && next?.kind === 'linear') {
      advice.push({
        nodeId: next.id,
        severity: 'warning',
        message:
          'two Linear layers in a row act like a single one: put an activation such as ReLU between them',
      });
    }
    if (node.kind === 'softmax' && next !== undefined) {
      advice.push({
        nodeId: node.id,
        severity: 'warning',
        message:
          'Softmax belongs at the end, where it turns scores into probabilities; in the middle it squashes the values the next layers learn from',
      });
    }
    if (node.kind === 'dropout' && next === undefined) {
      advice.push({
        nodeId: node.id,
        severity: 'warning',
        message: 'Dropout as the last layer drops outputs the loss needs: move it between layers',
      });
    }
  });
  const last = chain[chain.length - 1];
  if (last?.kind === 'softmax' && loss === 'cross-entropy') {
    advice.push({ nodeId: last.id, severity: 'info', message: SOFTMAX_FOLDED_MESSAGE });
  }
  return advice;
}

/** Shapes and parameter counts of every node the Input reaches, in wiring order. */
function inferShapes(
  structure: GraphStructure,
  params: ReadonlyMap<string, NodeParams | undefined>,
  data: DataInfo | undefined,
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
    paramCounts[id] = def.paramCount(inputShape, nodeParams);
  }
  return { shapes, paramCounts };
}

/**
 * Turns a project's graph into a Sequential model, inferring the shape of every wire and
 * reporting each problem against the node it concerns. Without `data` (a file not loaded yet)
 * it still checks the wiring and the parameters, and reports that the data is missing.
 *
 * @example
 * const result = compileGraph(project.graph, { sampleShape: [3], task: 'regression', outputs: 2 }, 'mse');
 * if (result.model) startTraining(result.model); else showProblems(result.problems);
 */
export function compileGraph(
  graph: Graph,
  data: DataInfo | undefined,
  loss: LossName,
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
  const softmaxFolded = structureOk && last?.kind === 'softmax' && loss === 'cross-entropy';

  let model: ModelSpec | undefined;
  if (data && !hasErrors(problems)) {
    const layers: LayerSpec[] = [];
    for (const node of chain.slice(1)) {
      const inputShape = shapes[structure.source.get(node.id)!]!;
      const layer = nodeDefinition(node.kind).toLayer(node.id, inputShape, params.get(node.id)!);
      if (layer) layers.push(layer);
    }
    model = { inputShape: [...data.sampleShape], layers };
  }
  return {
    ...(model ? { model } : {}),
    shapes,
    paramCounts,
    totalParams,
    problems,
    softmaxFolded,
  };
}
