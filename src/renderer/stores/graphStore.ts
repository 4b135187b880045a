import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import type { NodeKind } from '../../shared/nodeKinds';
import type { Graph } from '../../shared/project';
import {
  type Clip,
  defaultsOf,
  deselect,
  freshId,
  fromProjectGraph,
  graphsEqual,
  insertedAfter,
  type LayerNode,
  makeEdge,
  movedInChain,
  newNode,
  pasted,
  type Snapshot,
  snapshot,
  withoutSelected,
} from './flowGraph';

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
  /**
   * Adds a node dropped at `position`: wired into the chain after `afterId` (the selected node,
   * or the chain's last), or on its own when the canvas is empty.
   */
  dropNode(kind: NodeKind, afterId: string | undefined, position: XYPosition): string;
  /** Swaps a node with its neighbour in the chain, keeping the chain whole. */
  moveInChain(id: string, direction: 'up' | 'down'): void;
  /** Deselects every node and wire. */
  clearSelection(): void;
  onNodesChange(changes: NodeChange<LayerNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  connect(connection: Connection): void;
  updateParams(id: string, params: Record<string, number>): void;
  deleteSelected(): void;
  selectAll(): void;
  paste(clip: Clip, offset: XYPosition): void;
  setPositions(positions: Record<string, XYPosition>): void;
  /** Puts `graph` in place of this one as one edit, which Undo takes back (a run's graph). */
  replaceGraph(graph: Graph): void;
  load(graph: Graph): void;
}

/** zundo's internal recorder: pushes `past` onto the undo stack. */
type RecordFn = (past: unknown, replace: unknown, current: unknown, delta: unknown) => void;

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
            set({ nodes: [...deselect(get().nodes), newNode(id, kind, position, params)] });
            return id;
          },
          insertAfter: (kind, afterId, params = defaultsOf(kind)) => {
            if (refused()) return '';
            const after = get().nodes.find((n) => n.id === afterId);
            if (!after) return get().addNode(kind, { x: 0, y: 0 }, params);
            const { id, nodes, edges } = insertedAfter(get(), kind, after, params);
            set({ nodes, edges });
            return id;
          },
          dropNode: (kind, afterId, position) => {
            if (refused()) return '';
            const after = get().nodes.find((n) => n.id === afterId);
            if (!after) return get().addNode(kind, position);
            const { id, nodes, edges } = insertedAfter(
              get(),
              kind,
              after,
              defaultsOf(kind),
              position,
            );
            set({ nodes, edges });
            return id;
          },
          moveInChain: (id, direction) => {
            if (refused()) return;
            const moved = movedInChain(get(), id, direction);
            if (moved) set(moved);
          },
          clearSelection: () =>
            set({
              nodes: deselect(get().nodes),
              edges: get().edges.map((e) => ({ ...e, selected: false })),
            }),
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
          deleteSelected: () => refused() || set(withoutSelected(get())),
          selectAll: () =>
            set({
              nodes: get().nodes.map((n) => ({ ...n, selected: true })),
              edges: get().edges.map((e) => ({ ...e, selected: true })),
            }),
          paste: (clip, offset) => refused() || set(pasted(get(), clip, offset)),
          setPositions: (positions) =>
            set({
              nodes: get().nodes.map((n) => {
                const p = positions[n.id];
                return p ? { ...n, position: p } : n;
              }),
            }),
          replaceGraph: (graph) => refused() || set(fromProjectGraph(graph)),
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
