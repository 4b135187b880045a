import type { Clip } from '../stores/flowGraph';
import type { GraphState } from '../stores/graphStore';

/** The selected nodes and the wires between them, ready to paste (into any open project). */
export function copySelection(state: Pick<GraphState, 'nodes' | 'edges'>): Clip | undefined {
  const nodes = state.nodes.filter((n) => n.selected);
  if (nodes.length === 0) return undefined;
  const ids = new Set(nodes.map((n) => n.id));
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind,
      params: { ...n.data.params },
      position: { ...n.position },
    })),
    edges: state.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ source: e.source, target: e.target })),
  };
}
