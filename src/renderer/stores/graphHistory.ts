import type { Edge } from '@xyflow/react';
import type { LayerNode } from './graphStore';

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
