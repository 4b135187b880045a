import dagre from '@dagrejs/dagre';
import type { Edge, XYPosition } from '@xyflow/react';
import type { LayerNode } from '../stores/flowGraph';

const DEFAULT_SIZE = { width: 150, height: 60 };

/**
 * Positions for a top-to-bottom layout of the graph (dagre's layered drawing, Sugiyama-style):
 * the input on top and each layer one step below, with room on every wire for its shape. A
 * chain of layers fits the canvas better down than across.
 */
export function layoutPositions(
  nodes: readonly LayerNode[],
  edges: readonly Edge[],
): Record<string, XYPosition> {
  const g = new dagre.graphlib.Graph();
  // 36px between ranks: a wire's shape label (18px) with 9px of wire showing either side of it.
  g.setGraph({ rankdir: 'TB', nodesep: 60, ranksep: 36, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    g.setNode(n.id, {
      width: n.measured?.width ?? DEFAULT_SIZE.width,
      height: n.measured?.height ?? DEFAULT_SIZE.height,
    });
  }
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const positions: Record<string, XYPosition> = {};
  for (const n of nodes) {
    const { x, y, width, height } = g.node(n.id);
    // dagre gives centres; React Flow places nodes by their top-left corner.
    positions[n.id] = { x: Math.round(x - width / 2), y: Math.round(y - height / 2) };
  }
  return positions;
}
