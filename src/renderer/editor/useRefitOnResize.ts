import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect } from 'react';
import { framing } from './framing';

/**
 * Frames the graph again when the canvas changes width or height by more than a fifth (the side
 * panel widens while training, panels are toggled, the notes above it grow or go), so the model
 * never ends up half off-screen or small in a corner.
 */
export function useRefitOnResize(flow: ReactFlowInstance, selector = '.canvas-flow'): void {
  useEffect(() => {
    const region = document.querySelector(selector);
    if (!region) return;
    let width = region.clientWidth;
    let height = region.clientHeight;
    let frame = 0;
    const changed = (was: number, now: number) => was === 0 || Math.abs(now - was) / was >= 0.2;
    const observer = new ResizeObserver(() => {
      const [w, h] = [region.clientWidth, region.clientHeight];
      if (!changed(width, w) && !changed(height, h)) return;
      width = w;
      height = h;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void flow.fitView(framing(150)));
    });
    observer.observe(region);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [flow, selector]);
}
