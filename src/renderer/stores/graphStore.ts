import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import { nodeDefinition } from '../../engine/model/nodes';
import type { NodeKind } from '../../shared/nodeKinds';
import type { Graph } from '../../shared/project';
import { edgeId, fromProjectGraph } from './graphConvert';
import { graphsEqual, type Snapshot, snapshot } from './graphHistory';

export type LayerNodeData = { kind: NodeKind; params: Record<string, number> };
export type LayerNode = Node<LayerNodeData, 'layer'>;

/** Nodes copied to the clipboard, with the edges between them. */
export interface Clip {
  nodes: { id: string; kind: NodeKind; params: Record<string, number>; position: XYPosition }[];
  edges: { source: string; target: string }[];
}

export interface GraphState {
  nodes: LayerNode[];
  edges: Edge[];
  /**
   * Why the graph's structure cannot change now (a run trains on it), or undefined. Moving and
   * selecting nodes stay possible; adding, wiring, deleting and parameters are refused.
   */
  locked: string | undefined;
  /** Counts `load`s, so a watcher can tell a newly opened graph from an edit. */
  revision: number;
  setLocked(reason: string | undefined): void;
  addNode(kind: NodeKind, position: XYPosition, params?: Record<string, number>): string;
  /** Adds a node right after `afterId` in the chain, rewiring the chain through it. */
  insertAfter(kind: NodeKind, afterId: string, params?: Record<string, number>): string;
  onNodesChange(changes: NodeChange<LayerNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  connect(connection: Connection): void;
  updateParams(id: string, params: Record<string, number>): void;
  deleteSelected(): void;
  selectAll(): void;
  paste(clip: Clip, offset: XYPosition): void;
  setPositions(positions: Record<string, XYPosition>): void;
  load(graph: Graph): void;
}

/** zundo's internal recorder: pushes `past` onto the undo stack. */
type RecordFn = (past: unknown, replace: unknown, current: unknown, delta: unknown) => void;

/** Vertical distance between consecutive nodes of a chain (the graph reads top to bottom). */
export const NODE_GAP = 130;

const freshId = (kind: NodeKind, taken: Set<string>): string => {
  for (let i = 1; ; i++) if (!taken.has(`${kind}${i}`)) return `${kind}${i}`;
};

/** A new node's parameters: its kind's defaults (Linear: 10 out features). */
const defaultsOf = (kind: NodeKind): Record<string, number> => ({
  ...nodeDefinition(kind).defaults,
});

const makeEdge = (source: string, target: string): Edge => ({
  id: edgeId(source, target),
  source,
  target,
  type: 'shape',
});

const deselect = (nodes: LayerNode[]) =>
  nodes.map((n) => (n.selected ? { ...n, selected: false } : n));

/**
 * The graph being edited, as React Flow nodes and edges, changed only through these actions.
 * Every edit is undoable (zundo keeps snapshots of nodes and edges without selection); a drag
 * is one edit, however many position changes it sends.
 */
export function createGraphStore(initial: Graph, onBlocked: (reason: string) => void = () => {}) {
  // Between the first and last position change of a drag, the snapshot from before the drag:
  // the whole drag becomes one history entry, recorded when it ends.
  let dragStart: Snapshot | undefined;
  let dragging = false;
  let record: RecordFn = () => {};

  return createStore<GraphState>()(
    temporal(
      (set, get) => {
        /** True (and says why) when the graph is locked against structural edits. */
        const refused = (): boolean => {
          const reason = get().locked;
          if (reason) onBlocked(reason);
          return reason !== undefined;
        };
        return {
          ...fromProjectGraph(initial),
          locked: undefined,
          revision: 0,
          setLocked: (locked) => set({ locked }),
          addNode: (kind, position, params = defaultsOf(kind)) => {
            if (refused()) return '';
            const id = freshId(kind, new Set(get().nodes.map((n) => n.id)));
            const node: LayerNode = {
              id,
              type: 'layer',
              position,
              data: { kind, params },
              selected: true,
            };
            set({ nodes: [...deselect(get().nodes), node] });
            return id;
          },
          insertAfter: (kind, afterId, params = defaultsOf(kind)) => {
            if (refused()) return '';
            const { nodes, edges } = get();
            const after = nodes.find((n) => n.id === afterId);
            if (!after) return get().addNode(kind, { x: 0, y: 0 }, params);
            const id = freshId(kind, new Set(nodes.map((n) => n.id)));
            const next = edges.find((e) => e.source === afterId);
            // Make room: everything downstream of the insertion point moves one gap down.
            const downstream = next ? reachableFrom(next.target, edges) : new Set<string>();
            const moved = deselect(nodes).map((n) =>
              downstream.has(n.id)
                ? { ...n, position: { ...n.position, y: n.position.y + NODE_GAP } }
                : n,
            );
            const node: LayerNode = {
              id,
              type: 'layer',
              position: { x: after.position.x, y: after.position.y + NODE_GAP },
              data: { kind, params },
              selected: true,
            };
            const rewired = edges.filter((e) => e !== next).concat(makeEdge(afterId, id));
            if (next) rewired.push(makeEdge(id, next.target));
            set({ nodes: [...moved, node], edges: rewired });
            return id;
          },
          onNodesChange: (changes) => {
            dragging = changes.some((c) => c.type === 'position' && c.dragging === true);
            // Locked, nodes still move and select; nothing is added or removed.
            const allowed = get().locked
              ? changes.filter(
                  (c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace',
                )
              : changes;
            set({ nodes: applyNodeChanges(allowed, get().nodes) });
            if (!dragging && dragStart) {
              const now = snapshot(get());
              if (!graphsEqual(dragStart, now)) record(dragStart, undefined, now, undefined);
              dragStart = undefined;
            }
          },
          onEdgesChange: (changes) =>
            set({
              edges: applyEdgeChanges(
                get().locked ? changes.filter((c) => c.type === 'select') : changes,
                get().edges,
              ),
            }),
          connect: ({ source, target }) => {
            if (refused()) return;
            if (source === target) return;
            // A layer takes one input: a new wire into a node replaces the one it had.
            const kept = get().edges.filter((e) => e.target !== target);
            set({ edges: [...kept, makeEdge(source, target)] });
          },
          updateParams: (id, params) =>
            refused() ||
            set({
              nodes: get().nodes.map((n) =>
                n.id === id
                  ? { ...n, data: { ...n.data, params: { ...n.data.params, ...params } } }
                  : n,
              ),
            }),
          deleteSelected: () => {
            if (refused()) return;
            const { nodes, edges } = get();
            const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
            let kept = edges.filter(
              (e) => !e.selected && !gone.has(e.source) && !gone.has(e.target),
            );
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
            set({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: kept });
          },
          selectAll: () =>
            set({
              nodes: get().nodes.map((n) => ({ ...n, selected: true })),
              edges: get().edges.map((e) => ({ ...e, selected: true })),
            }),
          paste: (clip, offset) => {
            if (refused()) return;
            const taken = new Set(get().nodes.map((n) => n.id));
            const ids = new Map<string, string>();
            const added: LayerNode[] = clip.nodes.map((n) => {
              const id = freshId(n.kind, taken);
              taken.add(id);
              ids.set(n.id, id);
              const position = { x: n.position.x + offset.x, y: n.position.y + offset.y };
              return {
                id,
                type: 'layer',
                position,
                data: { kind: n.kind, params: { ...n.params } },
                selected: true,
              };
            });
            const wires = clip.edges.flatMap((e) => {
              const [s, t] = [ids.get(e.source), ids.get(e.target)];
              return s && t ? [makeEdge(s, t)] : [];
            });
            set({ nodes: [...deselect(get().nodes), ...added], edges: [...get().edges, ...wires] });
          },
          setPositions: (positions) =>
            set({
              nodes: get().nodes.map((n) => {
                const p = positions[n.id];
                return p ? { ...n, position: p } : n;
              }),
            }),
          load: (graph) => set({ ...fromProjectGraph(graph), revision: get().revision + 1 }),
        };
      },
      {
        partialize: (state) => snapshot(state) as unknown as GraphState,
        equality: (a, b) => graphsEqual(a as unknown as Snapshot, b as unknown as Snapshot),
        limit: 200,
        handleSet: (recordPast) => {
          record = recordPast as unknown as RecordFn;
          return (past, replace, current, delta) => {
            if (dragging) dragStart ??= past as unknown as Snapshot;
            else record(past, replace, current, delta);
          };
        },
      },
    ),
  );
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
