import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  builtinDataShape,
  type CompileResult,
  compileGraph,
  type DataShape,
  type Problem,
} from '../../engine';
import type { DatasetRef } from '../../shared/project';
import { toProjectGraph } from './flowGraph';
import type { GraphState } from './graphStore';
import type { ProjectState } from './projectStore';

export interface CompileState {
  result: CompileResult;
  /** Problems per node id, computed once per compile so selectors return stable arrays. */
  problemsByNode: Record<string, Problem[]>;
  /** Problems that concern no single node (the loss against the data, a missing input). */
  graphProblems: Problem[];
  dataShape: DataShape | undefined;
}

/** What compile needs of the dataset: known for built-ins, from the import for files. */
function dataShapeFor(ref: DatasetRef, imported: DataShape | undefined): DataShape | undefined {
  return ref.source === 'builtin' ? builtinDataShape(ref.name) : imported;
}

function compile(graph: GraphState, project: ProjectState): CompileState {
  const dataShape = dataShapeFor(project.dataset, project.importedShape);
  // Without data (a file not loaded yet) compile still checks the wiring and the parameters.
  const result = compileGraph(
    toProjectGraph(graph.nodes, graph.edges),
    dataShape,
    project.training.loss,
    project.training,
  );
  const problemsByNode: Record<string, Problem[]> = {};
  const graphProblems: Problem[] = [];
  for (const problem of result.problems) {
    if (!problem.nodeId) graphProblems.push(problem);
    else if (problemsByNode[problem.nodeId]) problemsByNode[problem.nodeId]!.push(problem);
    else problemsByNode[problem.nodeId] = [problem];
  }
  return { result, problemsByNode, graphProblems, dataShape };
}

/**
 * The graph compiled on every change, as the engine will train it: shapes for the wires,
 * parameter counts, and each problem on the node it concerns. Only changes to nodes' kinds,
 * parameters and wiring recompile; moving or selecting nodes does not.
 */
export function createCompileStore(graph: StoreApi<GraphState>, project: StoreApi<ProjectState>) {
  const store = createStore<CompileState>()(() => compile(graph.getState(), project.getState()));
  let lastKey = '';
  const update = () => {
    const g = graph.getState();
    const p = project.getState();
    const key = JSON.stringify([
      g.nodes.map((n) => [n.id, n.data]),
      g.edges.map((e) => [e.source, e.target]),
      p.dataset,
      p.importedShape,
      p.training.loss,
      p.training.batchSize,
      p.training.optimizer,
    ]);
    if (key === lastKey) return;
    lastKey = key;
    store.setState(compile(g, p));
  };
  graph.subscribe(update);
  project.subscribe(update);
  update();
  return store;
}
