import type { Edge } from '@xyflow/react';
import type { NodeKind } from '../../shared/nodeKinds';
import { deselect, freshId, makeEdge, type NodesAndEdges, newNode } from './graphParts';
import type { LayerNode } from './graphStore';

/** Vertical distance between consecutive nodes of a chain (the graph reads top to bottom). */
export const NODE_GAP = 130;

/**
 * The graph with a new node of `kind` right after `after`, the chain rewired through it, and
 * the new node's id.
 */
export function insertedAfter(
  { nodes, edges }: NodesAndEdges,
  kind: NodeKind,
  after: LayerNode,
  params: Record<string, number>,
): NodesAndEdges & { id: string } {
  const id = freshId(kind, new Set(nodes.map((n) => n.id)));
  const next = edges.find((e) => e.source === after.id);
  // Make room: everything downstream of the insertion point moves one gap down.
  const downstream = next ? reachableFrom(next.target, edges) : new Set<string>();
  const moved = deselect(nodes).map((n) =>
    downstream.has(n.id) ? { ...n, position: { ...n.position, y: n.position.y + NODE_GAP } } : n,
  );
  const position = { x: after.position.x, y: after.position.y + NODE_GAP };
  const rewired = edges.filter((e) => e !== next).concat(makeEdge(after.id, id));
  if (next) rewired.push(makeEdge(id, next.target));
  return { id, nodes: [...moved, newNode(id, kind, position, params)], edges: rewired };
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
