import { Background, Controls, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import { isNodeKind } from '../../shared/nodeKinds';
import { graphStore, useGraph } from '../stores/appStores';
import { LayerNodeView } from './LayerNodeView';
import { DRAG_MIME } from './Palette';

const nodeTypes = { layer: LayerNodeView };

/** The graph canvas (React Flow), bound to the graph store. */
export function Canvas() {
  const nodes = useGraph((s) => s.nodes);
  const edges = useGraph((s) => s.edges);
  const { onNodesChange, onEdgesChange, connect } = graphStore.getState();
  const flow = useReactFlow();

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  const onDrop = (event: DragEvent) => {
    const kind = event.dataTransfer.getData(DRAG_MIME);
    if (!isNodeKind(kind)) return;
    event.preventDefault();
    const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    graphStore.getState().addNode(kind, position);
  };

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={connect}
      onDragOver={onDragOver}
      onDrop={onDrop}
      fitView
      fitViewOptions={{ padding: 0.4, maxZoom: 1.2 }}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={20} size={1.2} />
      <MiniMap pannable zoomable ariaLabel="Minimap" />
      <Controls />
    </ReactFlow>
  );
}
