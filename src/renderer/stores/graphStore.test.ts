import { describe, expect, it } from 'vitest';
import type { Graph } from '../../shared/project';
import { toProjectGraph } from './flowGraph';
import { createGraphStore } from './graphStore';

const chain: Graph = {
  nodes: [
    { id: 'in', kind: 'input', position: { x: 0, y: 0 } },
    { id: 'flatten1', kind: 'flatten', position: { x: 220, y: 0 } },
    { id: 'linear1', kind: 'linear', params: { outFeatures: 10 }, position: { x: 440, y: 0 } },
  ],
  edges: [
    { source: 'in', target: 'flatten1' },
    { source: 'flatten1', target: 'linear1' },
  ],
};

function setup() {
  const store = createGraphStore(chain);
  const graph = () => toProjectGraph(store.getState().nodes, store.getState().edges);
  const undo = () => store.temporal.getState().undo();
  const redo = () => store.temporal.getState().redo();
  return { store, graph, undo, redo };
}

const select = (store: ReturnType<typeof setup>['store'], ids: string[]) =>
  store.getState().onNodesChange(ids.map((id) => ({ type: 'select', id, selected: true })));

describe('graph store', () => {
  it('adds a node, and undo removes it, redo brings it back', () => {
    const { store, graph, undo, redo } = setup();
    const before = graph();
    const id = store.getState().addNode('relu', { x: 5, y: 6 });
    expect(id).toBe('relu1');
    expect(graph().nodes.at(-1)).toEqual({ id: 'relu1', kind: 'relu', position: { x: 5, y: 6 } });
    undo();
    expect(graph()).toEqual(before);
    redo();
    expect(graph().nodes).toHaveLength(4);
  });

  it('inserts after a node, rewiring the chain and making room downstream', () => {
    const { store, graph, undo } = setup();
    const before = graph();
    store.getState().insertAfter('relu', 'flatten1');
    const g = graph();
    expect(g.edges).toEqual([
      { source: 'in', target: 'flatten1' },
      { source: 'flatten1', target: 'relu1' },
      { source: 'relu1', target: 'linear1' },
    ]);
    expect(g.nodes.find((n) => n.id === 'linear1')?.position).toEqual({ x: 440, y: 130 });
    undo();
    expect(graph()).toEqual(before);
  });

  it("puts a run's graph in place as one edit, which undo takes back; not while locked", () => {
    const { store, graph, undo } = setup();
    const before = graph();
    const other: Graph = {
      nodes: [
        { id: 'in', kind: 'input', position: { x: 0, y: 0 } },
        { id: 'fc1', kind: 'linear', params: { outFeatures: 3 }, position: { x: 200, y: 0 } },
      ],
      edges: [{ source: 'in', target: 'fc1' }],
    };
    store.getState().replaceGraph(other);
    expect(graph()).toEqual(other);
    expect(store.getState().revision).toBe(0);
    undo();
    expect(graph()).toEqual(before);
    store.getState().setLocked('training');
    store.getState().replaceGraph(other);
    expect(graph()).toEqual(before);
  });

  it('connects, replacing the wire a node already had', () => {
    const { store, graph, undo } = setup();
    store
      .getState()
      .connect({ source: 'in', target: 'linear1', sourceHandle: null, targetHandle: null });
    expect(graph().edges).toEqual([
      { source: 'in', target: 'flatten1' },
      { source: 'in', target: 'linear1' },
    ]);
    undo();
    expect(graph().edges).toHaveLength(2);
    expect(graph().edges[1]).toEqual({ source: 'flatten1', target: 'linear1' });
  });

  it('updates parameters undoably', () => {
    const { store, graph, undo } = setup();
    store.getState().updateParams('linear1', { outFeatures: 4 });
    expect(graph().nodes[2]?.params).toEqual({ outFeatures: 4 });
    undo();
    expect(graph().nodes[2]?.params).toEqual({ outFeatures: 10 });
  });

  it('deletes the selection, joining the chain around a deleted middle node', () => {
    const { store, graph, undo } = setup();
    const before = graph();
    select(store, ['flatten1']);
    store.getState().deleteSelected();
    expect(graph().nodes.map((n) => n.id)).toEqual(['in', 'linear1']);
    expect(graph().edges).toEqual([{ source: 'in', target: 'linear1' }]);
    undo();
    expect(graph()).toEqual(before);
  });

  it('does not record selection changes as edits', () => {
    const { store } = setup();
    select(store, ['in']);
    store.getState().selectAll();
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('records a whole drag as one edit', () => {
    const { store, graph, undo } = setup();
    const move = (x: number, dragging: boolean) =>
      store
        .getState()
        .onNodesChange([{ type: 'position', id: 'in', position: { x, y: 0 }, dragging }]);
    move(10, true);
    move(20, true);
    move(30, true);
    move(30, false);
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    expect(graph().nodes[0]?.position.x).toBe(30);
    undo();
    expect(graph().nodes[0]?.position.x).toBe(0);
  });

  it('pastes a copy with fresh ids and the wires between the copied nodes', () => {
    const { store, graph, undo } = setup();
    store.getState().paste(
      {
        nodes: [
          { id: 'flatten1', kind: 'flatten', params: {}, position: { x: 220, y: 0 } },
          {
            id: 'linear1',
            kind: 'linear',
            params: { outFeatures: 10 },
            position: { x: 440, y: 0 },
          },
        ],
        edges: [{ source: 'flatten1', target: 'linear1' }],
      },
      { x: 40, y: 40 },
    );
    const g = graph();
    expect(g.nodes.map((n) => n.id)).toEqual(['in', 'flatten1', 'linear1', 'flatten2', 'linear2']);
    expect(g.edges.at(-1)).toEqual({ source: 'flatten2', target: 'linear2' });
    expect(g.nodes[4]?.position).toEqual({ x: 480, y: 40 });
    undo();
    expect(graph().nodes).toHaveLength(3);
  });
});

describe('graph store while a run trains on it', () => {
  it('refuses structural edits with the reason, but lets nodes move and be selected', () => {
    const blocked: string[] = [];
    const store = createGraphStore(chain, (reason) => blocked.push(reason));
    const graph = () => toProjectGraph(store.getState().nodes, store.getState().edges);
    store.getState().setLocked('press Stop first');
    const before = graph();
    store.getState().addNode('relu', { x: 0, y: 0 });
    store.getState().updateParams('linear1', { outFeatures: 3 });
    store
      .getState()
      .connect({ source: 'in', target: 'linear1', sourceHandle: null, targetHandle: null });
    select(store, ['flatten1']);
    store.getState().deleteSelected();
    store.getState().onNodesChange([{ type: 'remove', id: 'in' }]);
    expect(graph()).toEqual(before);
    expect(blocked).toEqual(Array(4).fill('press Stop first'));
    store
      .getState()
      .onNodesChange([{ type: 'position', id: 'in', position: { x: 7, y: 8 }, dragging: false }]);
    expect(graph().nodes[0]?.position).toEqual({ x: 7, y: 8 });
    store.getState().setLocked(undefined);
    store.getState().addNode('relu', { x: 0, y: 0 });
    expect(graph().nodes).toHaveLength(4);
  });

  it('counts loads, so a watcher can tell an opened graph from an edit', () => {
    const store = createGraphStore(chain);
    store.getState().addNode('relu', { x: 0, y: 0 });
    expect(store.getState().revision).toBe(0);
    store.getState().load(chain);
    expect(store.getState().revision).toBe(1);
  });
});
