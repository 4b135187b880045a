import { useReactFlow } from '@xyflow/react';
import type { DragEvent } from 'react';
import type { NodeKind } from '../../shared/nodeKinds';
import { graphStore } from '../stores/appStores';
import { KIND_INFO, PALETTE_GROUPS } from './kindInfo';

export const DRAG_MIME = 'application/x-layerboard-kind';

/** The layer palette: drag a kind onto the canvas, or double-click / press Enter to add it. */
export function Palette() {
  const flow = useReactFlow();

  const addAtCentre = (kind: NodeKind) => {
    const pane = document.querySelector('.canvas-region')?.getBoundingClientRect();
    const centre = pane
      ? flow.screenToFlowPosition({ x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 })
      : { x: 0, y: 0 };
    graphStore.getState().addNode(kind, centre);
  };

  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(DRAG_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="palette" aria-label="Layer palette">
      {PALETTE_GROUPS.map((group) => (
        <section key={group.title} className="palette-group">
          <h2>{group.title}</h2>
          {group.kinds.map((kind) => (
            <button
              key={kind}
              type="button"
              className={`palette-item kind-${kind}`}
              draggable
              title={KIND_INFO[kind].explanation}
              onDragStart={(e) => onDragStart(e, kind)}
              onDoubleClick={() => addAtCentre(kind)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addAtCentre(kind);
                }
              }}
            >
              {KIND_INFO[kind].label}
            </button>
          ))}
        </section>
      ))}
      <p className="palette-hint">Drag a layer onto the canvas, or double-click it.</p>
    </nav>
  );
}
