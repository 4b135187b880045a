import { Handle, type NodeProps, Position } from '@xyflow/react';
import type { LayerNode } from '../stores/graphStore';
import { KIND_INFO } from './kindInfo';

/** How a node looks on the canvas: its kind, its main parameter, its ports. */
export function LayerNodeView({ data, selected }: NodeProps<LayerNode>) {
  const info = KIND_INFO[data.kind];
  const detail = data.kind === 'linear' ? `${data.params.outFeatures ?? '?'} outputs` : undefined;
  return (
    <div
      className={`layer-node kind-${data.kind}${selected ? ' selected' : ''}`}
      title={info.explanation}
    >
      {data.kind !== 'input' && <Handle type="target" position={Position.Left} />}
      <div className="layer-node-title">{info.label}</div>
      {detail && <div className="layer-node-detail">{detail}</div>}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}
