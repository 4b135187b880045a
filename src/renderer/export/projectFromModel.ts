import { type ModelFile, type ModelFileLayer, nodeDefinition, TENSOR_NAMES } from '../../engine';
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

/** A layer's node parameters: a layer holds them under its node kind's parameter keys. */
function nodeParams(layer: ModelFileLayer): GraphNode['params'] {
  const keys = nodeDefinition(layer.kind).params.map((d) => d.key);
  if (keys.length === 0) return undefined;
  const values = layer as unknown as Readonly<Record<string, number>>;
  return Object.fromEntries(keys.map((key) => [key, values[key]!]));
}

/** A layer's tensors as a project's initial weights, or undefined for a layer without any. */
function layerWeights(layer: ModelFileLayer): InitialWeights[string] | undefined {
  if (!('weight' in layer)) return undefined;
  const values = layer as unknown as Record<string, unknown>;
  return Object.fromEntries(
    TENSOR_NAMES.filter((name) => values[name] !== undefined).map((name) => [name, values[name]]),
  ) as InitialWeights[string];
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
    const tensors = layerWeights(layer);
    if (tensors) weights[id] = tensors;
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
