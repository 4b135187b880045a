import type { XYPosition } from '@xyflow/react';
import { deselect, freshId, makeEdge, type NodesAndEdges, newNode } from './graphParts';
import type { Clip, LayerNode } from './graphStore';

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
