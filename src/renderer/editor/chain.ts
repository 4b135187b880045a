import type { Edge } from '@xyflow/react';
import type { LayerNode } from '../stores/flowGraph';

/**
 * Where a layer added from the palette goes: after the selected node, or else after the last
 * node of the chain that starts at the Input. Undefined for an empty canvas.
 */
export function appendTarget(
  nodes: readonly LayerNode[],
  edges: readonly Edge[],
): string | undefined {
  const selected = nodes.filter((n) => n.selected);
  if (selected.length === 1) return selected[0]!.id;
  const input = nodes.find((n) => n.data.kind === 'input') ?? nodes[0];
  if (!input) return undefined;
  let id = input.id;
  const seen = new Set([id]);
  for (;;) {
    const next = edges.find((e) => e.source === id)?.target;
    if (next === undefined || seen.has(next)) return id;
    seen.add(next);
    id = next;
  }
}
