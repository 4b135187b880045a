import type { CommandId } from '../../../shared/commands';
import { runCommand } from '../../commands/registry';
import { useCommandContext } from '../../commands/useCommands';
import { useCompiled, useTraining } from '../../stores/appStores';

/** Train, Pause/Resume, Stop, Step (one batch) and Reset weights, enabled as the run allows. */
export function RunControls() {
  const ctx = useCommandContext();
  const phase = useTraining((s) => s.phase);
  const running = useTraining((s) => s.running);
  const hasRun = useTraining((s) => s.run !== undefined);
  const ready = useCompiled((s) => s.result.model !== undefined);
  const run = (id: CommandId) => runCommand(id, ctx);
  const active = phase === 'running' || phase === 'loading';
  return (
    <div className="run-controls" role="toolbar" aria-label="Training controls">
      <button
        type="button"
        className="primary"
        disabled={active || (!running && !ready)}
        onClick={() => run('train')}
      >
        Train
      </button>
      <button
        type="button"
        disabled={!running || phase === 'loading'}
        onClick={() => run('pause-training')}
      >
        {phase === 'paused' ? 'Resume' : 'Pause'}
      </button>
      <button type="button" disabled={!running} onClick={() => run('stop-training')}>
        Stop
      </button>
      <button
        type="button"
        disabled={(!running && !ready) || phase === 'loading'}
        title="Train on one batch, then pause and show the numbers"
        onClick={() => run('step')}
      >
        Step
      </button>
      <button
        type="button"
        disabled={running || !hasRun}
        title="Start again from the project's initial weights"
        onClick={() => run('reset-weights')}
      >
        Reset weights
      </button>
    </div>
  );
}
