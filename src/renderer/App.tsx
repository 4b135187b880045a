import { ReactFlowProvider } from '@xyflow/react';
import type { CSSProperties } from 'react';
import { AssignmentDialog } from './classroom/teacher/AssignmentDialog';
import { GradeDialog } from './classroom/teacher/GradeDialog';
import { useCommandContext, useShortcuts } from './commands/useCommands';
import { Canvas } from './editor/Canvas';
import { Inspector } from './editor/Inspector';
import { Palette } from './editor/Palette';
import { DropHint } from './panels/dataset/DropHint';
import { SidePanel } from './panels/SidePanel';
import { useMenuCommands } from './platform/useMenuCommands';
import { useShareLinks } from './project/useShareLinks';
import { Announcer } from './shell/Announcer';
import { ConnectDialog } from './shell/ConnectDialog';
import { Header } from './shell/Header';
import { NewProjectDialog } from './shell/NewProjectDialog';
import { Notices } from './shell/Notices';
import { ShareLinkDialog } from './shell/ShareLinkDialog';
import { StatusBar } from './shell/StatusBar';
import { useUi } from './stores/appStores';

function Window() {
  const ctx = useCommandContext();
  useShortcuts(ctx);
  useMenuCommands(ctx);
  useShareLinks();
  const panelsHidden = useUi((s) => s.panelsHidden);
  const sideWidth = useUi((s) => s.sideWidth);
  const style = sideWidth ? ({ '--chosen-side-width': `${sideWidth}px` } as CSSProperties) : {};
  return (
    <div className={panelsHidden ? 'app panels-hidden' : 'app'} style={style}>
      <Header ctx={ctx} />
      <div className="left-column">
        <Palette />
        <Inspector />
      </div>
      <main className="canvas-region" aria-label="Model graph">
        <Canvas />
      </main>
      <SidePanel />
      <StatusBar />
      <NewProjectDialog />
      <ConnectDialog />
      <ShareLinkDialog />
      <AssignmentDialog />
      <GradeDialog />
      <Notices />
      <Announcer />
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
