import { layoutPositions } from '../editor/autoLayout';
import { graphStore } from '../stores/appStores';
import type { Command } from './command';

/** Frames the whole graph, never magnifying past 100%: a lone node stays node-sized. */
const FIT = { padding: 0.2, maxZoom: 1, duration: 200 };

export const viewCommands = [
  {
    id: 'auto-layout',
    label: 'Auto-layout',
    shortcuts: ['Mod+Shift+L'],
    undoable: true,
    run: (ctx) => {
      const { nodes, edges } = graphStore.getState();
      graphStore.getState().setPositions(layoutPositions(nodes, edges));
      // Let React Flow place the nodes before framing them.
      requestAnimationFrame(() => ctx.fitView(FIT));
    },
  },
  {
    id: 'fit-view',
    label: 'Fit view',
    shortcuts: ['Mod+0'],
    undoable: false,
    run: (ctx) => ctx.fitView(FIT),
  },
] satisfies Command[];
