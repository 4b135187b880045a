import { ReactFlowProvider } from '@xyflow/react';
import { useCommandContext, useShortcuts } from './commands/useCommands';
import { Canvas } from './editor/Canvas';
import { Palette } from './editor/Palette';
import { DropHint } from './panels/dataset/DropHint';
import { SidePanel } from './panels/SidePanel';
import { useMenuCommands } from './platform/useMenuCommands';
import { Header } from './shell/Header';
import { NewProjectDialog } from './shell/NewProjectDialog';
import { Notices } from './shell/Notices';
import { StatusBar } from './shell/StatusBar';
import { useUi } from './stores/appStores';

function Window() {
  const ctx = useCommandContext();
  useShortcuts(ctx);
  useMenuCommands(ctx);
  const panelsHidden = useUi((s) => s.panelsHidden);
  return (
    <div className={panelsHidden ? 'app panels-hidden' : 'app'}>
      <Header ctx={ctx} />
      <Palette />
      <main className="canvas-region" aria-label="Model graph">
        <Canvas />
      </main>
      <SidePanel />
      <StatusBar />
      <NewProjectDialog />
      <Notices />
      <DropHint />
    </div>
  );
}

/** The window: header, layer palette, graph canvas, side panel (dataset, training, metrics), status bar. */
export function App() {
  return (
    <ReactFlowProvider>
      <Window />
    </ReactFlowProvider>
  );
}
