import type { FitViewOptions } from '@xyflow/react';
import { compileStore } from '../stores/appStores';

/** Room beside a node for its notes: `.node-problems` sits 12px off it and is 250px wide. */
const NOTES_WIDTH = 280;
/** Space kept clear around the graph, beyond what covers the canvas. */
const MARGIN = 24;

/** The height of what floats over the canvas at `selector`, when it is there. */
function heightOf(selector: string): number {
  return document.querySelector(selector)?.getBoundingClientRect().height ?? 0;
}

/**
 * How the canvas frames the graph: never magnifying past 100% (a lone node stays node-sized),
 * below the notes in the top corner (model summary, the start, the model's problems) and above
 * the minimap and zoom buttons, and, when a node has notes, with their width free on the right:
 * React Flow measures a node without its notes, which are placed beside it, so a plain fit would
 * cut them off. So nothing drawn over the canvas covers a node or its notes.
 */
export function framing(duration?: number): FitViewOptions {
  const notes = Object.keys(compileStore.getState().problemsByNode).length > 0;
  const top = heightOf('.canvas-notes') + MARGIN;
  const bottom =
    Math.max(heightOf('.react-flow__minimap'), heightOf('.react-flow__controls')) + MARGIN;
  return {
    maxZoom: 1,
    ...(duration ? { duration } : {}),
    padding: {
      top: `${Math.round(top)}px`,
      bottom: `${Math.round(bottom)}px`,
      left: `${MARGIN}px`,
      right: `${notes ? NOTES_WIDTH : MARGIN}px`,
    },
  };
}
