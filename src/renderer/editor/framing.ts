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

/** The share of a narrow canvas that the notes may take: the graph needs the rest. */
const NOTES_SHARE = 0.35;

/**
 * How the canvas frames the graph: never magnifying past 100% (a lone node stays node-sized),
 * above the minimap and zoom buttons, and, when a node has notes, with their width free on the
 * right (the canvas's own notes sit above it, outside the frame):
 * React Flow measures a node without its notes, which are placed beside it, so a plain fit would
 * cut them off. So nothing drawn over the canvas covers a node or its notes.
 */
export function framing(duration?: number): FitViewOptions {
  const notes = Object.keys(compileStore.getState().problemsByNode).length > 0;
  const top = MARGIN;
  const bottom =
    Math.max(heightOf('.react-flow__minimap'), heightOf('.react-flow__controls')) + MARGIN;
  const width = document.querySelector('.canvas-flow')?.clientWidth ?? 0;
  const notesRoom = Math.min(NOTES_WIDTH, width > 0 ? width * NOTES_SHARE : NOTES_WIDTH);
  return {
    maxZoom: 1,
    ...(duration ? { duration } : {}),
    padding: {
      top: `${Math.round(top)}px`,
      bottom: `${Math.round(bottom)}px`,
      left: `${MARGIN}px`,
      right: `${Math.round(notes ? notesRoom : MARGIN)}px`,
    },
  };
}
