import { Handle, type NodeProps, Position, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { nodeDefinition } from '../../../engine';
import type { Project } from '../../../shared/project';
import { nodeSummary } from '../../editor/nodeSummary';
import { fromProjectGraph, type LayerNode } from '../../stores/flowGraph';
import { settingsRows } from './gradeTable';

/** A student's node as the canvas draws it, without the open project's shapes and problems. */
function ReadOnlyNode({ id, data }: NodeProps<LayerNode>) {
  const summary = nodeSummary(data.kind, data.params);
  return (
    <div className={`layer-node kind-${data.kind}`}>
      {data.kind !== 'input' && <Handle type="target" position={Position.Top} />}
      <div className="layer-node-title">
        {nodeDefinition(data.kind).label} <span className="layer-node-id">{id}</span>
      </div>
      {summary && <div className="layer-node-detail">{summary}</div>}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

const nodeTypes = { layer: ReadOnlyNode };

/** "Linear l1 (2 outputs)": a node in the text list under the canvas. */
function nodeText(node: LayerNode): string {
  const summary = nodeSummary(node.data.kind, node.data.params);
  const name = `${nodeDefinition(node.data.kind).label} ${node.id}`;
  return summary ? `${name} (${summary})` : name;
}

/**
 * One student's model as their file has it, read-only: the graph on a small canvas of its own
 * (its own React Flow store, apart from the editor's), its layers as text, and its settings.
 */
export function HandInGraph({ file, project }: { file: string; project: Project }) {
  const { nodes, edges } = useMemo(() => {
    const flow = fromProjectGraph(project.graph);
    return { nodes: flow.nodes, edges: flow.edges.map((e) => ({ ...e, type: 'default' })) };
  }, [project]);
  return (
    <section className="hand-in-model" aria-label={`${file}: model and settings`}>
      <h3>{file}</h3>
      <div className="hand-in-canvas">
        <ReactFlowProvider>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            fitView
            minZoom={0.1}
            proOptions={{ hideAttribution: true }}
          />
        </ReactFlowProvider>
      </div>
      <p className="hand-in-layers">
        <span className="hand-in-label">Layers:</span> {nodes.map(nodeText).join(' → ')}
      </p>
      <dl className="hand-in-settings">
        {settingsRows(project).map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
