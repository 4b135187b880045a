import { layoutPositions } from '../editor/autoLayout';
import { framing } from '../editor/framing';
import { graphStore, uiStore } from '../stores/appStores';
import type { CommandContext, Commands } from './command';

function toggleFullScreen(ctx: CommandContext): void | Promise<void> {
  // In Electron the window itself goes full screen (a menu click is no user gesture for the page).
  if (ctx.platform.desktop) return ctx.platform.desktop.toggleFullScreen();
  return document.fullscreenElement
    ? document.exitFullscreen()
    : document.documentElement.requestFullscreen();
}

export const viewCommands = {
  'auto-layout': (ctx) => {
    const { nodes, edges } = graphStore.getState();
    graphStore.getState().setPositions(layoutPositions(nodes, edges));
    // Let React Flow place the nodes before framing them.
    requestAnimationFrame(() => ctx.fitView(framing(200)));
  },
  'fit-view': (ctx) => ctx.fitView(framing(200)),
  'zoom-in': (ctx) => ctx.zoomIn({ duration: 150 }),
  'zoom-out': (ctx) => ctx.zoomOut({ duration: 150 }),
  'toggle-panels': () => uiStore.getState().togglePanels(),
  'toggle-full-screen': toggleFullScreen,
} satisfies Commands;
