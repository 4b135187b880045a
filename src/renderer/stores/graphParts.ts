import type { Edge, XYPosition } from '@xyflow/react';
import { nodeDefinition } from '../../engine';
import type { NodeKind } from '../../shared/nodeKinds';
import { edgeId } from './graphConvert';
import type { LayerNode } from './graphStore';

/** What a structural edit takes and gives back; the store's actions set the result. */
export interface NodesAndEdges {
  nodes: LayerNode[];
  edges: Edge[];
}

/** The first id of `kind` not `taken`: `linear1`, then `linear2`, ... */
export function freshId(kind: NodeKind, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) if (!taken.has(`${kind}${i}`)) return `${kind}${i}`;
}

/** A new node's parameters: its kind's defaults (Linear: 10 out features). */
export const defaultsOf = (kind: NodeKind): Record<string, number> => ({
  ...nodeDefinition(kind).defaults,
});

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
