import { useCallback, useId, useRef, useState } from 'react';
import { COMMAND_INFO, type CommandId } from '../../../shared/commands';
import type { CommandContext } from '../../commands/command';
import { runCommand } from '../../commands/registry';
import { platform } from '../../platform/currentPlatform';
import { useDismiss } from '../../shell/useDismiss';
import { useProject } from '../../stores/appStores';

/**
 * The toolbar's Classroom button: a disclosure of the teacher's commands, sharing the lesson by
 * link among them in the web build (the desktop app has the others in its File menu too). Escape
 * or a click elsewhere folds it.
 */
export function ClassroomMenu({ ctx }: { ctx: CommandContext }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const area = useRef<HTMLDivElement>(null);
  const listId = useId();
  const hasAssignment = useProject((s) => s.assignment !== undefined);
  useDismiss(open, area, close);
  const item = (id: CommandId, label: string) => (
    <li>
      <button
        type="button"
        onClick={() => {
          setOpen(false);
          runCommand(id, ctx);
        }}
      >
        {label}
      </button>
    </li>
  );
  return (
    <div className="classroom-menu" ref={area}>
      <button
        type="button"
        className="toolbar-button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        Classroom
      </button>
      {open && (
        <ul className="classroom-items" id={listId}>
          {item(
            'save-assignment',
            hasAssignment ? 'Edit assignment…' : COMMAND_INFO['save-assignment'].label,
          )}
          {item('grade-hand-ins', COMMAND_INFO['grade-hand-ins'].label)}
          {hasAssignment && item('hand-in', COMMAND_INFO['hand-in'].label)}
          {/* A link needs the web build's address: the desktop app has none to share. */}
          {!platform.desktop && item('copy-share-link', COMMAND_INFO['copy-share-link'].label)}
        </ul>
      )}
    </div>
  );
}
