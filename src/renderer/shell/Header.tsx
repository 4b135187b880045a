import { COMMAND_INFO, type CommandId, commandName } from '../../shared/commands';
import { ClassroomMenu } from '../classroom/teacher/ClassroomMenu';
import type { CommandContext } from '../commands/command';
import { runCommand } from '../commands/registry';
import { shortcutLabel } from '../commands/shortcuts';
import { platform } from '../platform/currentPlatform';
import { projectStore, useHistory, useProject, useTraining } from '../stores/appStores';

interface ToolbarButtonProps {
  id: CommandId;
  ctx: CommandContext;
  disabled?: boolean;
  icon?: string;
  primary?: boolean;
}

function ToolbarButton({ id, ctx, disabled, icon, primary }: ToolbarButtonProps) {
  const shortcut = COMMAND_INFO[id].shortcuts[0];
  const label = commandName(id);
  return (
    <button
      type="button"
      className={primary ? 'toolbar-button primary' : 'toolbar-button'}
      aria-label={label}
      title={shortcut ? `${label} (${shortcutLabel(shortcut, platform.isMac)})` : label}
      disabled={disabled}
      onClick={() => runCommand(id, ctx)}
    >
      {icon && <span aria-hidden="true">{icon}</span>}
      {icon ? null : label}
    </button>
  );
}

/**
 * Train, always in view: it opens the Training tab and starts (or resumes) the run there, so a
 * first-time user never has to find the tab first. While a run is on, it stops it.
 */
function TrainButton({ ctx }: { ctx: CommandContext }) {
  const running = useTraining((s) => s.running);
  return running ? (
    <ToolbarButton id="stop-training" ctx={ctx} />
  ) : (
    <ToolbarButton id="train" ctx={ctx} primary />
  );
}

/** The top bar: the project's name and the toolbar, every button a command. */
export function Header({ ctx }: { ctx: CommandContext }) {
  const name = useProject((s) => s.name);
  const fileName = useProject((s) => s.file?.name);
  const canUndo = useHistory((s) => s.canUndo);
  const canRedo = useHistory((s) => s.canRedo);
  return (
    <header className="app-header">
      <h1 className="brand">
        <img src="./icon.svg" alt="" width={22} height={22} />
        Layerboard
      </h1>
      <input
        className="project-name"
        aria-label="Project name"
        title={fileName ? `Saved as ${fileName}` : 'Not saved yet'}
        value={name}
        onChange={(e) => projectStore.getState().setName(e.target.value)}
      />
      <div className="toolbar" role="toolbar" aria-label="Project">
        <ToolbarButton id="new" ctx={ctx} />
        <ToolbarButton id="open" ctx={ctx} />
        <ToolbarButton id="save" ctx={ctx} />
        <span className="toolbar-gap" />
        <ToolbarButton id="undo" ctx={ctx} icon="↶" disabled={!canUndo} />
        <ToolbarButton id="redo" ctx={ctx} icon="↷" disabled={!canRedo} />
        <span className="toolbar-gap" />
        <ToolbarButton id="auto-layout" ctx={ctx} />
        <ToolbarButton id="fit-view" ctx={ctx} />
        <span className="toolbar-gap" />
        <ClassroomMenu ctx={ctx} />
        <span className="toolbar-gap" />
        <TrainButton ctx={ctx} />
      </div>
    </header>
  );
}
