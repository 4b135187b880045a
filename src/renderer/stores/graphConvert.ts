import type { Edge } from '@xyflow/react';
import type { Graph } from '../../shared/project';
import type { LayerNode } from './graphStore';

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
