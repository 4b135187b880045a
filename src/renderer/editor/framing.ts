import type { FitViewOptions } from '@xyflow/react';
import { compileStore } from '../stores/appStores';

/** Room beside a node for its notes: `.node-problems` sits 12px off it and is 250px wide. */
const NOTES_WIDTH = 280;

/**
 * How the canvas frames the graph: never magnifying past 100% (a lone node stays node-sized),
 * and, when a node has notes, with their width free on the right: React Flow measures a node
 * without its notes, which are placed beside it, so a plain fit would cut them off.
 */
export function framing(duration?: number): FitViewOptions {
  const notes = Object.keys(compileStore.getState().problemsByNode).length > 0;
  return {
    maxZoom: 1,
    ...(duration ? { duration } : {}),
    padding: notes ? { top: '10%', bottom: '10%', left: '5%', right: `${NOTES_WIDTH}px` } : 0.2,
  };
}
