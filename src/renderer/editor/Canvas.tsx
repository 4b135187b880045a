import { Background, Controls, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import { type DragEvent, useMemo } from 'react';
import { batchShapeText } from '../../engine';
import { isNodeKind } from '../../shared/nodeKinds';
import { AssignmentPanel } from '../classroom/AssignmentPanel';
import { graphStore, useCompiled, useGraph } from '../stores/appStores';
import type { LayerNode } from '../stores/flowGraph';
import { appendTarget } from './chain';
import { framing } from './framing';
import { GraphProblems } from './GraphProblems';
import { LayerNodeView } from './LayerNodeView';
import { ModelSummary } from './ModelSummary';
import { nodeAccessibleName } from './nodeSummary';
import { DRAG_MIME } from './Palette';
import { ShapeEdge } from './ShapeEdge';
import { useFitOnOpen } from './useFitOnOpen';
import { useRefitOnResize } from './useRefitOnResize';
import { Welcome } from './Welcome';

const nodeTypes = { layer: LayerNodeView };
const edgeTypes = { shape: ShapeEdge };
const defaultEdgeOptions = { type: 'shape' };

/** The graph canvas (React Flow), bound to the graph store. */
export function Canvas() {
  const stored = useGraph((s) => s.nodes);
  const storedEdges = useGraph((s) => s.edges);
  const compiled = useCompiled((s) => s);
  // Each node and wire says what it is to a screen reader (React Flow's `ariaLabel`).
  const nodes = useMemo(
    () =>
      stored.map((n) => {
        const source = storedEdges.find((e) => e.target === n.id)?.source;
        return {
          ...n,
          ariaLabel: nodeAccessibleName(
            n.id,
            n.data.kind,
            n.data.params,
            compiled.result.shapes[n.id],
            compiled.problemsByNode[n.id] ?? [],
            source === undefined ? undefined : compiled.result.shapes[source],
          ),
        };
      }),
    [stored, storedEdges, compiled],
  );
  const edges = useMemo(
    () =>
      storedEdges.map((e) => {
        const shape = compiled.result.shapes[e.source];
        return {
          ...e,
          ariaLabel: `Wire from ${e.source} to ${e.target}${shape ? `, ${batchShapeText(shape)}` : ''}`,
        };
      }),
    [storedEdges, compiled],
  );
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
    const { nodes: all, edges: wires, dropNode } = graphStore.getState();
    // A dropped layer joins the chain after the selected node (or the chain's last), so a new
    // student's first drop trains instead of showing "not connected".
    dropNode(kind, appendTarget(all, wires), {
      x: Math.round(point.x - 70),
      y: Math.round(point.y - 30),
    });
  };

  return (
    <>
      {/* Above the graph, not over it: what they say never covers a node. */}
      <div className="canvas-notes">
        <AssignmentPanel />
        <ModelSummary />
        <Welcome />
        <GraphProblems />
      </div>
      <div className="canvas-flow">
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
          <MiniMap
            pannable
            zoomable
            ariaLabel="Minimap"
            nodeClassName={(n) => `minimap-node kind-${(n as LayerNode).data.kind}`}
            style={{ width: 140, height: 100 }}
          />
          <Controls showInteractive={false} showFitView={false} />
        </ReactFlow>
      </div>
    </>
  );
}
