import { layoutPositions } from '../editor/autoLayout';
import { framing } from '../editor/framing';
import { graphStore, uiStore } from '../stores/appStores';
import type { Command, CommandContext } from './command';

function toggleFullScreen(ctx: CommandContext): void | Promise<void> {
  // In Electron the window itself goes full screen (a menu click is no user gesture for the page).
  if (ctx.platform.desktop) return ctx.platform.desktop.toggleFullScreen();
  return document.fullscreenElement
    ? document.exitFullscreen()
    : document.documentElement.requestFullscreen();
}

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
      requestAnimationFrame(() => ctx.fitView(framing(200)));
    },
  },
  {
    id: 'fit-view',
    label: 'Fit view',
    shortcuts: ['Mod+0'],
    undoable: false,
    run: (ctx) => ctx.fitView(framing(200)),
  },
  {
    id: 'zoom-in',
    label: 'Zoom in',
    shortcuts: ['Mod+='],
    undoable: false,
    run: (ctx) => ctx.zoomIn({ duration: 150 }),
  },
  {
    id: 'zoom-out',
    label: 'Zoom out',
    shortcuts: ['Mod+-'],
    undoable: false,
    run: (ctx) => ctx.zoomOut({ duration: 150 }),
  },
  {
    id: 'toggle-panels',
    label: 'Toggle panels',
    shortcuts: ['Mod+\\'],
    undoable: false,
    run: () => uiStore.getState().togglePanels(),
  },
  {
    id: 'toggle-full-screen',
    label: 'Full screen',
    shortcuts: ['F11'],
    undoable: false,
    run: toggleFullScreen,
  },
] satisfies Command[];
