import type { DragEvent } from 'react';
import { allowsKind, NODE_DEFINITIONS, type NodeGroup, nodeDefinition } from '../../engine';
import type { NodeKind } from '../../shared/nodeKinds';
import { graphStore, useGraph, useProject } from '../stores/appStores';
import { appendTarget } from './chain';

export const DRAG_MIME = 'application/x-layerboard-kind';

/** The palette's sections, in order, each with the kinds whose definition files them there. */
const GROUP_TITLES: Record<Exclude<NodeGroup, 'input'>, string> = {
  layers: 'Layers',
  convolution: 'Convolution',
  activations: 'Activations',
};
export const GROUPS = Object.entries(GROUP_TITLES).map(([group, title]) => ({
  title,
  kinds: Object.values(NODE_DEFINITIONS)
    .filter((def) => def.group === group)
    .map((def) => def.kind),
}));

/** Adds a layer after the selected node, or at the end of the chain when none is selected. */
function addToChain(kind: NodeKind): void {
  const state = graphStore.getState();
  const after = appendTarget(state.nodes, state.edges);
  if (after) state.insertAfter(kind, after);
  else state.addNode(kind, { x: 0, y: 0 });
}

/** The layer palette: drag a kind onto the canvas, or double-click / press Enter to append it. */
export function Palette() {
  const locked = useGraph((s) => s.locked);
  const assignment = useProject((s) => s.assignment);
  // An assignment's palette holds only the kinds it allows (a group left empty is not shown).
  const groups = GROUPS.map((group) => ({
    ...group,
    kinds: assignment ? group.kinds.filter((kind) => allowsKind(assignment, kind)) : group.kinds,
  })).filter((group) => group.kinds.length > 0);
  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(DRAG_MIME, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav
      className="palette"
      aria-label="Layer palette"
      // While the layers are disabled the list holds nothing focusable, yet it may scroll: it
      // takes the focus itself, so the keyboard can still scroll it (WCAG 2.1.1).
      tabIndex={locked === undefined ? undefined : 0}
    >
      {groups.map((group) => (
        <section key={group.title} className="palette-group" aria-label={group.title}>
          <h2>{group.title}</h2>
          {group.kinds.map((kind) => {
            const def = nodeDefinition(kind);
            return (
              <button
                key={kind}
                type="button"
                className={`palette-item kind-${kind}`}
                draggable={!locked}
                disabled={locked !== undefined}
                title={locked ?? def.explanation}
                onDragStart={(e) => onDragStart(e, kind)}
                onDoubleClick={() => addToChain(kind)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addToChain(kind);
                  }
                }}
              >
                {def.label}
              </button>
            );
          })}
        </section>
      ))}
      {assignment?.allowedKinds && (
        <p className="palette-hint">The assignment allows these layers only.</p>
      )}
      <p className="palette-hint">
        Drag a layer onto the canvas, or double-click it (or press Enter) to add it after the
        selected layer.
      </p>
    </nav>
  );
}
