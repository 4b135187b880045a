import type { FitViewOptions } from '@xyflow/react';
import { compileStore, graphStore } from '../stores/appStores';

/** A node's notes (`.node-problems`): 12px off its right side, 250px wide, scaled with the graph. */
const NOTES_WIDTH = 262;
/** Space kept clear around the graph, beyond what covers the canvas. */
const MARGIN = 24;
/** What React Flow assumes of a node it has not measured yet (autoLayout.ts's default too). */
const UNMEASURED = { width: 150, height: 60 };

/** The height of what floats over the canvas at `selector`, when it is there. */
function heightOf(selector: string): number {
  return document.querySelector(selector)?.getBoundingClientRect().height ?? 0;
}

/**
 * The graph's size at 100% in flow units, and how far the notes of its nodes reach beyond its
 * right side.
 */
function graphExtent(): { width: number; height: number; notes: number } {
  const noted = compileStore.getState().problemsByNode;
  let [left, top, right, bottom, notesRight] = [
    Infinity,
    Infinity,
    -Infinity,
    -Infinity,
    -Infinity,
  ];
  for (const n of graphStore.getState().nodes) {
    const { width, height } = { ...UNMEASURED, ...n.measured };
    left = Math.min(left, n.position.x);
    top = Math.min(top, n.position.y);
    right = Math.max(right, n.position.x + width);
    bottom = Math.max(bottom, n.position.y + height);
    if (noted[n.id]) notesRight = Math.max(notesRight, n.position.x + width + NOTES_WIDTH);
  }
  if (left === Infinity) return { width: 0, height: 0, notes: 0 };
  return { width: right - left, height: bottom - top, notes: Math.max(0, notesRight - right) };
}

/**
 * How the canvas frames the graph: never magnifying past 100% (a lone node stays node-sized),
 * above the minimap and zoom buttons, and with room on the right for the nodes' notes (the
 * canvas's own notes sit above it, outside the frame). React Flow fits the nodes alone, but a
 * node's notes hang beside it at the same zoom, so the right padding is the notes' reach at the
 * zoom the fit will choose: the largest at which nodes and notes both fit,
 * min(1, (height − top − bottom) / graph height, (width − margins) / (graph + notes width)).
 * So nothing drawn over the canvas covers a node, and no note runs off the canvas.
 */
export function framing(duration?: number): FitViewOptions {
  const top = MARGIN;
  const bottom =
    Math.max(heightOf('.react-flow__minimap'), heightOf('.react-flow__controls')) + MARGIN;
  const canvas = document.querySelector('.canvas-flow');
  const graph = graphExtent();
  let right = MARGIN;
  if (canvas && graph.notes > 0) {
    const zoom = Math.min(
      1,
      graph.height > 0 ? (canvas.clientHeight - top - bottom) / graph.height : 1,
      (canvas.clientWidth - 2 * MARGIN) / (graph.width + graph.notes),
    );
    right = MARGIN + Math.max(0, zoom) * graph.notes;
  }
  return {
    maxZoom: 1,
    ...(duration ? { duration } : {}),
    padding: {
      top: `${Math.round(top)}px`,
      bottom: `${Math.round(bottom)}px`,
      left: `${MARGIN}px`,
      right: `${Math.round(right)}px`,
    },
  };
}
