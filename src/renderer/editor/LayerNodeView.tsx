import { Handle, type NodeProps, Position } from '@xyflow/react';
import { batchShapeText, encodingText, NODE_DEFINITIONS } from '../../engine';
import { useCompiled, useDataset, useGraph } from '../stores/appStores';
import type { LayerNode } from '../stores/flowGraph';
import { nodeArithmetic, nodeSummary } from './nodeSummary';
import { ProblemList } from './ProblemList';

const NO_PROBLEMS: never[] = [];

/**
 * A node on the canvas: its kind, its settings, the arithmetic of its output size (convolution
 * and pooling), its parameter count and what is wrong with it.
 */
export function LayerNodeView({ id, data, selected }: NodeProps<LayerNode>) {
  const def = NODE_DEFINITIONS[data.kind];
  const problems = useCompiled((s) => s.problemsByNode[id] ?? NO_PROBLEMS);
  const params = useCompiled((s) => s.result.paramCounts[id]);
  const shape = useCompiled((s) => s.result.shapes[id]);
  // The shape on the wire in: a node with a shape of its own has exactly one such wire.
  const source = useGraph((s) => s.edges.find((e) => e.target === id)?.source);
  const inputShape = useCompiled((s) =>
    source === undefined ? undefined : s.result.shapes[source],
  );
  const worst = problems.find((p) => p.severity === 'error') ? 'error' : problems[0]?.severity;
  const summary = nodeSummary(data.kind, data.params);
  // A table whose columns are not all numbers: what the Input's values are.
  const columns = useDataset((s) => (data.kind === 'input' ? s.description?.columns : undefined));
  const arithmetic = shape ? nodeArithmetic(data.kind, data.params, inputShape) : [];
  return (
    <div
      className={`layer-node kind-${data.kind}${selected ? ' selected' : ''}${worst ? ` has-${worst}` : ''}`}
      title={def.explanation}
    >
      {data.kind !== 'input' && <Handle type="target" position={Position.Top} />}
      <div className="layer-node-title">
        {def.label} <span className="layer-node-id">{id}</span>
      </div>
      {summary && <div className="layer-node-detail">{summary}</div>}
      {arithmetic.length > 0 && (
        <div className="layer-node-arithmetic">
          {arithmetic.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      )}
      {data.kind === 'input' && shape && (
        <div className="layer-node-detail">{batchShapeText(shape)}</div>
      )}
      {columns && shape && <div className="layer-node-inputs">= {encodingText(columns)}</div>}
      {params !== undefined && params > 0 && (
        <div className="layer-node-params">{params.toLocaleString('en-US')} parameters</div>
      )}
      <Handle type="source" position={Position.Bottom} />
      {problems.length > 0 && <ProblemList problems={problems} className="node-problems" />}
    </div>
  );
}
