import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './editor/Canvas';
import { Palette } from './editor/Palette';
import { SidePanel } from './panels/SidePanel';
import { Header } from './shell/Header';
import { StatusBar } from './shell/StatusBar';

/** The window: header, layer palette, graph canvas, side panel (dataset, training, metrics), status bar. */
export function App() {
  return (
    <ReactFlowProvider>
      <div className="app">
        <Header />
        <Palette />
        <main className="canvas-region" aria-label="Model graph">
          <Canvas />
        </main>
        <SidePanel />
        <StatusBar />
      </div>
    </ReactFlowProvider>
  );
}
