import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { batchShapeText } from '../../engine';
import { useCompiled } from '../stores/appStores';

/** A wire that shows the shape of the tensor flowing through it: `[batch, 784]`. */
export function ShapeEdge(props: EdgeProps) {
  const { id, source, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const shape = useCompiled((s) => s.result.shapes[source]);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  return (
    <>
      <BaseEdge id={id} path={path} className={props.selected ? 'edge-selected' : undefined} />
      {shape && (
        <EdgeLabelRenderer>
          <div
            className="edge-shape nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`shape-${id}`}
          >
            {batchShapeText(shape)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
