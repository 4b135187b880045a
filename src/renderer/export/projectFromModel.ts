import type { ModelFile, ModelFileLayer } from '../../engine';
import {
  type GraphEdge,
  type GraphNode,
  type InitialWeights,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  type Project,
} from '../../shared/project';

/** Vertical distance between two nodes of the chain, as the lesson templates lay them out. */
const STEP_Y = 120;

/** A layer's node parameters, by the node kinds' parameter keys. */
function nodeParams(layer: ModelFileLayer): GraphNode['params'] {
  switch (layer.kind) {
    case 'linear':
      return { outFeatures: layer.outFeatures };
    case 'leakyRelu':
      return { negativeSlope: layer.negativeSlope };
    case 'dropout':
      return { p: layer.p };
    default:
      return undefined;
  }
}

/**
 * A model file as a project to train further: the layers as a chain of nodes after an input,
 * the trained parameters as the project's initial weights (by node id), the dataset and the
 * training settings it was trained with.
 *
 * @example
 * openProject(documentStores, projectFromModel(file));
 */
export function projectFromModel(file: ModelFile): Project {
  const used = new Set<string>();
  const unique = (base: string) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}${n}`;
    used.add(id);
    return id;
  };
  let previous = unique('in');
  const nodes: GraphNode[] = [{ id: previous, kind: 'input', position: { x: 0, y: 0 } }];
  const edges: GraphEdge[] = [];
  const weights: InitialWeights = {};
  file.layers.forEach((layer, i) => {
    const id = unique(layer.nodeId ?? `${layer.kind}${i + 1}`);
    const params = nodeParams(layer);
    nodes.push({
      id,
      kind: layer.kind,
      ...(params ? { params } : {}),
      position: { x: 0, y: (i + 1) * STEP_Y },
    });
    edges.push({ source: previous, target: id });
    if (layer.kind === 'linear') weights[id] = { weight: layer.weight, bias: layer.bias };
    previous = id;
  });
  const { dataset, backend: _, ...training } = file.training;
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    ...(file.name ? { name: file.name } : {}),
    graph: { nodes, edges },
    dataset,
    training,
    weights,
  };
}
