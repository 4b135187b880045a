import type { Edge, Node, XYPosition } from '@xyflow/react';
import { nodeDefinition } from '../../engine';
import type { NodeKind } from '../../shared/nodeKinds';
import type { Graph } from '../../shared/project';

// The graph as React Flow holds it: its types, its conversion to and from the project file, and
// the pure edits that the graph store's actions apply (graphStore.ts). Nothing here changes state.

export type LayerNodeData = { kind: NodeKind; params: Record<string, number> };
export type LayerNode = Node<LayerNodeData, 'layer'>;

/** Nodes copied to the clipboard, with the edges between them. */
export interface Clip {
  nodes: { id: string; kind: NodeKind; params: Record<string, number>; position: XYPosition }[];
  edges: { source: string; target: string }[];
}

export function edgeId(source: string, target: string): string {
  return `${source}->${target}`;
}

/** React Flow nodes and edges from a project file's graph. */
export function fromProjectGraph(graph: Graph): { nodes: LayerNode[]; edges: Edge[] } {
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      type: 'layer' as const,
      position: { ...n.position },
      data: { kind: n.kind, params: numericParams(n.params) },
    })),
    edges: graph.edges.map((e) => ({
      id: edgeId(e.source, e.target),
      source: e.source,
      target: e.target,
      type: 'shape',
    })),
  };
}

/** The project file's graph from React Flow's nodes and edges (what is saved and compiled). */
export function toProjectGraph(nodes: readonly LayerNode[], edges: readonly Edge[]): Graph {
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind,
      ...(Object.keys(n.data.params).length > 0 ? { params: { ...n.data.params } } : {}),
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    })),
    edges: edges.map((e) => ({ source: e.source, target: e.target })),
  };
}

function numericParams(params: Record<string, unknown> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (typeof value === 'number') out[key] = value;
  }
  return out;
}

/** What a structural edit takes and gives back; the store's actions set the result. */
export interface NodesAndEdges {
  nodes: LayerNode[];
  edges: Edge[];
}

/** The first id of `kind` not `taken`: `linear1`, then `linear2`, ... */
export function freshId(kind: NodeKind, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) if (!taken.has(`${kind}${i}`)) return `${kind}${i}`;
}

/**
 * A new node's parameters: its kind's defaults (Linear: 10 out features), without the ones that
 * follow another parameter while unset (a pool's stride).
 */
export const defaultsOf = (kind: NodeKind): Record<string, number> => {
  const values: Record<string, number> = {};
  for (const [key, value] of Object.entries(nodeDefinition(kind).defaults)) {
    if (value !== undefined) values[key] = value;
  }
  return values;
};

/**
 * A node just added, selected; callers deselect the rest, so that the next layer from the
 * palette goes after it (editor/chain.ts).
 */
export const newNode = (
  id: string,
  kind: NodeKind,
  position: XYPosition,
  params: Record<string, number>,
): LayerNode => ({ id, type: 'layer', position, data: { kind, params }, selected: true });

export const makeEdge = (source: string, target: string): Edge => ({
  id: edgeId(source, target),
  source,
  target,
  type: 'shape',
});

export const deselect = (nodes: LayerNode[]): LayerNode[] =>
  nodes.map((n) => (n.selected ? { ...n, selected: false } : n));

/** Vertical distance between consecutive nodes of a chain (the graph reads top to bottom). */
const NODE_GAP = 130;

/**
 * The graph with a new node of `kind` right after `after`, the chain rewired through it, and
 * the new node's id.
 */
export function insertedAfter(
  { nodes, edges }: NodesAndEdges,
  kind: NodeKind,
  after: LayerNode,
  params: Record<string, number>,
  at?: XYPosition,
): NodesAndEdges & { id: string } {
  const id = freshId(kind, new Set(nodes.map((n) => n.id)));
  const next = edges.find((e) => e.source === after.id);
  // Make room: everything downstream of the insertion point moves one gap down (unless the new
  // node goes where it was dropped).
  const downstream = next && !at ? reachableFrom(next.target, edges) : new Set<string>();
  const moved = deselect(nodes).map((n) =>
    downstream.has(n.id) ? { ...n, position: { ...n.position, y: n.position.y + NODE_GAP } } : n,
  );
  const position = at ?? { x: after.position.x, y: after.position.y + NODE_GAP };
  const rewired = edges.filter((e) => e !== next).concat(makeEdge(after.id, id));
  if (next) rewired.push(makeEdge(id, next.target));
  return { id, nodes: [...moved, newNode(id, kind, position, params)], edges: rewired };
}

/**
 * The graph with node `id` swapped with its neighbour in the chain (the one before it for
 * `up`, after it for `down`): wires and places change over, so the chain reads in the new
 * order. Undefined when there is no such neighbour, or it is the Input (which stays first).
 */
export function movedInChain(
  { nodes, edges }: NodesAndEdges,
  id: string,
  direction: 'up' | 'down',
): NodesAndEdges | undefined {
  const into = (n: string) => edges.filter((e) => e.target === n);
  const out = (n: string) => edges.filter((e) => e.source === n);
  const one = (list: Edge[]) => (list.length === 1 ? list[0] : undefined);
  // `a` comes just before `b` in the chain; the two change places.
  const [a, b] = direction === 'up' ? [one(into(id))?.source, id] : [id, one(out(id))?.target];
  if (a === undefined || b === undefined || one(out(a))?.target !== b) return undefined;
  const nodeA = nodes.find((n) => n.id === a);
  const nodeB = nodes.find((n) => n.id === b);
  if (!nodeA || !nodeB || nodeA.data.kind === 'input') return undefined;
  const before = one(into(a))?.source;
  const after = one(out(b))?.target;
  const rewired = edges.filter(
    (e) => e.target !== a && e.target !== b && !(after !== undefined && e.target === after),
  );
  if (before !== undefined) rewired.push(makeEdge(before, b));
  rewired.push(makeEdge(b, a));
  if (after !== undefined) rewired.push(makeEdge(a, after));
  return {
    nodes: nodes.map((n) =>
      n.id === a
        ? { ...n, position: nodeB.position }
        : n.id === b
          ? { ...n, position: nodeA.position }
          : n,
    ),
    edges: rewired,
  };
}

/** The graph without its selected nodes and edges, nor the edges of the nodes removed. */
export function withoutSelected({ nodes, edges }: NodesAndEdges): NodesAndEdges {
  const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
  let kept = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
  // Deleting a layer from the middle of a chain keeps the chain: its neighbours join up.
  for (const id of gone) {
    const into = edges.filter((e) => e.target === id);
    const out = edges.filter((e) => e.source === id);
    const [from] = into;
    const [to] = out;
    if (into.length === 1 && out.length === 1 && from && to) {
      const [a, b] = [from.source, to.target];
      if (!gone.has(a) && !gone.has(b) && !kept.some((e) => e.target === b)) {
        kept = [...kept, makeEdge(a, b)];
      }
    }
  }
  return { nodes: nodes.filter((n) => !gone.has(n.id)), edges: kept };
}

/** Ids of `start` and every node after it along the edges. */
function reachableFrom(start: string, edges: readonly Edge[]): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const e of edges) {
      if (e.source === id && !seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
    }
  }
  return seen;
}

/**
 * The graph with `clip` added `offset` away from where it was copied, under fresh ids (a clip
 * may come from this graph or another project), and selected alone.
 */
export function pasted(
  { nodes, edges }: NodesAndEdges,
  clip: Clip,
  offset: XYPosition,
): NodesAndEdges {
  const taken = new Set(nodes.map((n) => n.id));
  const ids = new Map<string, string>();
  const added: LayerNode[] = clip.nodes.map((n) => {
    const id = freshId(n.kind, taken);
    taken.add(id);
    ids.set(n.id, id);
    const position = { x: n.position.x + offset.x, y: n.position.y + offset.y };
    return newNode(id, n.kind, position, { ...n.params });
  });
  const wires = clip.edges.flatMap((e) => {
    const [s, t] = [ids.get(e.source), ids.get(e.target)];
    return s && t ? [makeEdge(s, t)] : [];
  });
  return { nodes: [...deselect(nodes), ...added], edges: [...edges, ...wires] };
}

/** What undo restores: nodes and edges without their selection and measurements. */
export interface Snapshot {
  nodes: LayerNode[];
  edges: Edge[];
}

export function snapshot(state: { nodes: readonly LayerNode[]; edges: readonly Edge[] }): Snapshot {
  return {
    nodes: state.nodes.map(({ id, type, position, data }) => ({ id, type, position, data })),
    edges: state.edges.map(({ id, source, target, type }) => ({ id, source, target, type })),
  };
}

/** True when two snapshots hold the same graph: a selection change is no edit. */
export function graphsEqual(a: Snapshot, b: Snapshot): boolean {
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  const sameNodes = a.nodes.every((n, i) => {
    const m = b.nodes[i];
    return (
      m !== undefined &&
      n.id === m.id &&
      n.position.x === m.position.x &&
      n.position.y === m.position.y &&
      (n.data === m.data || JSON.stringify(n.data) === JSON.stringify(m.data))
    );
  });
  return sameNodes && a.edges.every((e, i) => e.id === b.edges[i]?.id);
}
