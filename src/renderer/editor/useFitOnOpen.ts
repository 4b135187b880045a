import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect } from 'react';
import { graphStore } from '../stores/appStores';
import { framing } from './framing';

/**
 * Frames the graph each time another one is opened (a lesson, a file, a restore): it may sit
 * anywhere on the plane, and the view of the last graph says nothing about it. Edits keep the
 * view. (The first graph is framed by the canvas's own `fitView`.)
 */
export function useFitOnOpen(flow: ReactFlowInstance): void {
  useEffect(() => {
    let frame = 0;
    const unsubscribe = graphStore.subscribe((state, previous) => {
      if (state.revision === previous.revision) return;
      cancelAnimationFrame(frame);
      // React Flow measures the new nodes when it renders them: frame them after that.
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => void flow.fitView(framing()));
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [flow]);
}
