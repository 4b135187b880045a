import { Background, Controls, MiniMap, Panel, ReactFlow, useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { isNodeKind } from '../../shared/nodeKinds';
import { graphStore, useGraph } from '../stores/appStores';
import type { LayerNode } from '../stores/flowGraph';
import { framing } from './framing';
import { GraphProblems } from './GraphProblems';
import { Inspector } from './Inspector';
import { LayerNodeView } from './LayerNodeView';
import { ModelSummary } from './ModelSummary';
import { DRAG_MIME } from './Palette';
import { ShapeEdge } from './ShapeEdge';
import { useFitOnOpen } from './useFitOnOpen';
import { useRefitOnResize } from './useRefitOnResize';

const nodeTypes = { layer: LayerNodeView };
const edgeTypes = { shape: ShapeEdge };
const defaultEdgeOptions = { type: 'shape' };

/** The graph canvas (React Flow), bound to the graph store. */
export function Canvas() {
  const nodes = useGraph((s) => s.nodes);
  const edges = useGraph((s) => s.edges);
  const locked = useGraph((s) => s.locked !== undefined);
  const { onNodesChange, onEdgesChange, connect } = graphStore.getState();
  const flow = useReactFlow();
  useRefitOnResize(flow);
  useFitOnOpen(flow);

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  const onDrop = (event: DragEvent) => {
    const kind = event.dataTransfer.getData(DRAG_MIME);
    if (!isNodeKind(kind)) return;
    event.preventDefault();
    // Centre the new node on the pointer rather than hanging it from its corner.
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    graphStore
      .getState()
      .addNode(kind, { x: Math.round(point.x - 70), y: Math.round(point.y - 30) });
  };

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={connect}
      nodesConnectable={!locked}
      onDragOver={onDragOver}
      onDrop={onDrop}
      // Deleting goes through the Delete command, so it is one undoable edit that keeps chains whole.
      deleteKeyCode={null}
      fitView
      fitViewOptions={framing()}
      minZoom={0.2}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={20} size={1.2} />
      <Panel position="top-left" className="canvas-notes">
        <ModelSummary />
        <GraphProblems />
      </Panel>
      <Panel position="top-right">
        <Inspector />
      </Panel>
      <MiniMap
        pannable
        zoomable
        ariaLabel="Minimap"
        nodeClassName={(n) => `minimap-node kind-${(n as LayerNode).data.kind}`}
        style={{ width: 140, height: 100 }}
      />
      <Controls showInteractive={false} showFitView={false} />
    </ReactFlow>
  );
}
