import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect } from 'react';
import { framing } from './framing';

/**
 * Frames the graph again when the canvas changes width by more than a fifth (the side panel
 * widens while training, panels are toggled), so the model never ends up half off-screen.
 */
export function useRefitOnResize(flow: ReactFlowInstance, selector = '.canvas-region'): void {
  useEffect(() => {
    const region = document.querySelector(selector);
    if (!region) return;
    let width = region.clientWidth;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      const now = region.clientWidth;
      if (width === 0 || Math.abs(now - width) / width < 0.2) return;
      width = now;
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
