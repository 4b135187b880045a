import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { NodeKind } from '../../shared/nodeKinds';
import type { Graph } from '../../shared/project';

export type LayerNodeData = { kind: NodeKind; params: Record<string, number> };
export type LayerNode = Node<LayerNodeData, 'layer'>;

export interface GraphState {
  nodes: LayerNode[];
  edges: Edge[];
  addNode(kind: NodeKind, position: XYPosition, params?: Record<string, number>): string;
  onNodesChange(changes: NodeChange<LayerNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  connect(connection: Connection): void;
  load(graph: Graph): void;
}

function freshId(kind: NodeKind, nodes: readonly LayerNode[]): string {
  const taken = new Set(nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${kind}${i}`)) return `${kind}${i}`;
}

/** The graph being edited, as React Flow nodes and edges, changed only through these actions. */
export function createGraphStore(initial: Graph) {
  return createStore<GraphState>()((set, get) => ({
    ...fromProjectGraph(initial),
    addNode: (kind, position, params = {}) => {
      const id = freshId(kind, get().nodes);
      const node: LayerNode = { id, type: 'layer', position, data: { kind, params } };
      set({ nodes: [...get().nodes, node] });
      return id;
    },
    onNodesChange: (changes) => set({ nodes: applyNodeChanges(changes, get().nodes) }),
    onEdgesChange: (changes) => set({ edges: applyEdgeChanges(changes, get().edges) }),
    connect: (connection) => set({ edges: addEdge(connection, get().edges) }),
    load: (graph) => set(fromProjectGraph(graph)),
  }));
}

function fromProjectGraph(graph: Graph): Pick<GraphState, 'nodes' | 'edges'> {
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      type: 'layer' as const,
      position: n.position,
      data: { kind: n.kind, params: numericParams(n.params) },
    })),
    edges: graph.edges.map((e) => ({
      id: `${e.source}->${e.target}`,
      source: e.source,
      target: e.target,
    })),
  };
}

function numericParams(params: Record<string, unknown> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(params ?? {}))
    if (typeof value === 'number') out[key] = value;
  return out;
}
