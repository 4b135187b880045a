import { ReactFlowProvider } from '@xyflow/react';
import { useCommandContext, useShortcuts } from './commands/useCommands';
import { Canvas } from './editor/Canvas';
import { Palette } from './editor/Palette';
import { SidePanel } from './panels/SidePanel';
import { Header } from './shell/Header';
import { NewProjectDialog } from './shell/NewProjectDialog';
import { Notices } from './shell/Notices';
import { StatusBar } from './shell/StatusBar';

function Window() {
  const ctx = useCommandContext();
  useShortcuts(ctx);
  return (
    <div className="app">
      <Header ctx={ctx} />
      <Palette />
      <main className="canvas-region" aria-label="Model graph">
        <Canvas />
      </main>
      <SidePanel />
      <StatusBar />
      <NewProjectDialog />
      <Notices />
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
