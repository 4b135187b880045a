import { countOf } from '../../shared/plural';
import type { Graph, GraphNode } from '../../shared/project';
import { nodeDefinition } from './nodes';
import type { Problem } from './problems';

/** The wiring of a graph as compile needs it: who feeds whom, and what is wrong with the wiring. */
export interface GraphStructure {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly inputId?: string;
  /** The node feeding each node, for nodes fed by exactly one. */
  readonly source: ReadonlyMap<string, string>;
  /** Nodes reachable from the Input, in breadth-first order (each after the node feeding it). */
  readonly reachable: readonly string[];
  /** Input -> ... -> last node, when the wiring is a simple chain. */
  readonly chain: readonly string[];
  readonly problems: readonly Problem[];
}

/** A node as the canvas shows it: its kind, then its id ("Linear fc1"). */
function label(node: GraphNode): string {
  return `${nodeDefinition(node.kind).label} ${node.id}`;
}

/** Nodes by their labels; an id the graph lacks, quoted. */
function listText(ids: readonly string[], nodes: ReadonlyMap<string, GraphNode>): string {
  return ids
    .map((id) => {
      const node = nodes.get(id);
      return node ? label(node) : `"${id}"`;
    })
    .join(', ');
}

/**
 * The cycles of the graph, each as the node ids along it, found by depth-first search
 * (white/grey/black colouring: an edge to a grey node, one still on the path, closes a cycle).
 * The search keeps its own stack rather than recursing: a chain of thousands of nodes would
 * overflow the call stack.
 */
function findCycles(ids: readonly string[], targets: ReadonlyMap<string, string[]>): string[][] {
  const colour = new Map<string, 'grey' | 'black'>();
  const cycles: string[][] = [];
  // The path from the search's root, with how many of each node's targets were looked at.
  const path: string[] = [];
  const next: number[] = [];
  for (const root of ids) {
    if (colour.has(root)) continue;
    colour.set(root, 'grey');
    path.push(root);
    next.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const outs = targets.get(path[top]!) ?? [];
      const i = next[top]!;
      if (i === outs.length) {
        colour.set(path.pop()!, 'black');
        next.pop();
        continue;
      }
      next[top] = i + 1;
      const target = outs[i]!;
      const c = colour.get(target);
      if (c === 'grey') cycles.push(path.slice(path.indexOf(target)));
      else if (c === undefined) {
        colour.set(target, 'grey');
        path.push(target);
        next.push(0);
      }
    }
  }
  return cycles;
}

/**
 * Checks that a graph is one chain from a single Input node (PyTorch's nn.Sequential), and
 * reports every break of that rule against the node where it happens: duplicate ids, edges to
 * nowhere, branches, merges, cycles, and nodes the Input does not reach.
 */
export function analyseStructure(graph: Graph): GraphStructure {
  const problems: Problem[] = [];
  const nodes = new Map<string, GraphNode>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      problems.push({
        nodeId: node.id,
        severity: 'error',
        message: `two nodes share the id "${node.id}": give each node its own id`,
      });
    } else nodes.set(node.id, node);
  }

  const targets = new Map<string, string[]>();
  const sources = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const { source, target } of graph.edges) {
    const missing = [source, target].filter((id) => !nodes.has(id));
    if (missing.length > 0) {
      const known = [source, target].find((id) => nodes.has(id));
      problems.push({
        ...(known === undefined ? {} : { nodeId: known }),
        severity: 'error',
        message: `a connection ${source} -> ${target} refers to ${listText(missing, nodes)}, which is not in the graph: delete that connection`,
      });
      continue;
    }
    const key = `${source}\u0000${target}`;
    if (seen.has(key)) continue; // the same wire twice is still one wire
    seen.add(key);
    targets.set(source, [...(targets.get(source) ?? []), target]);
    sources.set(target, [...(sources.get(target) ?? []), source]);
  }

  const inputs = [...nodes.values()].filter((n) => n.kind === 'input');
  if (inputs.length === 0) {
    problems.push({
      severity: 'error',
      message: 'the graph has no Input node: add one, it brings the data into the model',
    });
  }
  for (const extra of inputs.slice(1)) {
    problems.push({
      nodeId: extra.id,
      severity: 'error',
      message: `a model has one Input node and ${label(inputs[0]!)} is already there: delete this one`,
    });
  }
  const inputId = inputs[0]?.id;

  for (const node of nodes.values()) {
    const outs = targets.get(node.id) ?? [];
    const ins = sources.get(node.id) ?? [];
    if (outs.length > 1) {
      problems.push({
        nodeId: node.id,
        severity: 'error',
        message: `this node feeds ${countOf(outs.length, 'node')} (${listText(outs, nodes)}), a branch: a model here is one chain where each node feeds the next, so keep one connection`,
      });
    }
    if (node.kind === 'input' && ins.length > 0) {
      problems.push({
        nodeId: node.id,
        severity: 'error',
        message: `nothing can feed the Input node (${listText(ins, nodes)} does): the data does, so delete that connection`,
      });
    } else if (ins.length > 1) {
      problems.push({
        nodeId: node.id,
        severity: 'error',
        message: `${countOf(ins.length, 'node')} feed this node (${listText(ins, nodes)}): a model here is one chain where each node has one input, so keep one connection`,
      });
    }
  }

  for (const cycle of findCycles([...nodes.keys()], targets)) {
    const text = [...cycle, cycle[0]!].join(' -> ');
    for (const id of cycle) {
      problems.push({
        nodeId: id,
        severity: 'error',
        message: `this node is on a cycle (${text}): data flows one way, from the Input to the output, so remove a connection of the loop`,
      });
    }
  }

  const source = new Map<string, string>();
  for (const [id, ins] of sources) if (ins.length === 1) source.set(id, ins[0]!);

  const reachable: string[] = [];
  if (inputId !== undefined) {
    const visited = new Set([inputId]);
    for (let i = 0, queue = [inputId]; i < queue.length; i++) {
      const id = queue[i]!;
      reachable.push(id);
      for (const next of targets.get(id) ?? []) {
        if (!visited.has(next)) {
          visited.add(next);
          queue.push(next);
        }
      }
    }
    for (const node of nodes.values()) {
      if (node.kind !== 'input' && !visited.has(node.id)) {
        problems.push({
          nodeId: node.id,
          severity: 'error',
          message: `this node is not connected to the Input chain: connect it after the last node, or delete it`,
        });
      }
    }
  }

  const chain: string[] = [];
  const inChain = new Set<string>();
  for (let id: string | undefined = inputId; id !== undefined && !inChain.has(id); ) {
    chain.push(id);
    inChain.add(id);
    const outs: readonly string[] = targets.get(id) ?? [];
    id = outs.length === 1 ? outs[0] : undefined;
  }

  return {
    nodes,
    ...(inputId === undefined ? {} : { inputId }),
    source,
    reachable,
    chain,
    problems,
  };
}
