import { useEffect, useId, useRef, useState } from 'react';
import { LOCK_LABELS, METRIC_LABELS, nodeDefinition } from '../../../engine';
import {
  LOCKABLE_SETTINGS,
  type LockableSetting,
  RUN_METRICS,
  type RunMetric,
} from '../../../shared/project';
import { PROJECT_FILTERS } from '../../commands/fileCommands';
import { GROUPS } from '../../editor/Palette';
import { platform } from '../../platform/currentPlatform';
import { saveProject } from '../../project/projectDocument';
import {
  documentStores,
  projectStore,
  uiStore,
  useCompiled,
  useProject,
  useUi,
} from '../../stores/appStores';
import {
  type AssignmentDraft,
  assignmentFileName,
  assignmentFromDraft,
  type DraftErrors,
  draftFor,
  lockedValueText,
} from './assignmentForm';
import { settingHeading } from './gradeTable';
import './teacher.css';

const PALETTE_KINDS = GROUPS.flatMap((group) => group.kinds);

/** A field's message, tied to it by id (aria-describedby) and shown beside it. */
function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p className="field-error" id={id}>
      {text}
    </p>
  ) : null;
}

/** Props that tie a field to its message, when it has one. */
const described = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true, 'aria-describedby': id } : {};

/**
 * File > Save as assignment: the open project becomes an assignment, with a goal, a parameter
 * budget, the kinds a student may use and the settings they must keep; saved as a file to hand
 * out. A project with an assignment opens it here to edit, or to remove.
 */
export function AssignmentDialog() {
  const open = useUi((s) => s.dialog === 'assignment');
  const dataset = useProject((s) => s.dataset);
  const training = useProject((s) => s.training);
  const parameters = useCompiled((s) => s.result.totalParams);
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<AssignmentDraft>(() =>
    draftFor(undefined, projectStore.getState(), PALETTE_KINDS),
  );
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  // Read when the dialog opens: saving sets the assignment, and the title should not change then.
  const [editing, setEditing] = useState(false);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) {
      const project = projectStore.getState();
      setDraft(draftFor(project.assignment, project, PALETTE_KINDS));
      setEditing(project.assignment !== undefined);
      setErrors({});
      dialog.showModal();
    }
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  const close = () => uiStore.getState().openDialog(undefined);
  const change = (patch: Partial<AssignmentDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

  const save = async () => {
    const result = assignmentFromDraft(draft, PALETTE_KINDS);
    if (!result.ok) {
      setErrors(result.errors);
      // The first field with a message takes the focus, so the keyboard is where the fix goes.
      requestAnimationFrame(() =>
        ref.current
          ?.querySelector<HTMLElement>(
            'input[aria-invalid="true"], textarea[aria-invalid="true"], fieldset[aria-invalid="true"] input:not(:disabled)',
          )
          ?.focus(),
      );
      return;
    }
    setErrors({});
    const before = projectStore.getState().assignment;
    projectStore.getState().setAssignment(result.assignment);
    setSaving(true);
    try {
      const saved = await saveProject(documentStores, platform, {
        title: 'Save assignment',
        filters: PROJECT_FILTERS,
        askWhere: true,
        copy: { suggestedName: assignmentFileName(result.assignment.title) },
      });
      if (!saved) {
        projectStore.getState().setAssignment(before);
        return;
      }
      uiStore
        .getState()
        .notify('info', `Saved ${saved.name}: hand it out, students open it as a project.`);
      close();
    } catch (err) {
      projectStore.getState().setAssignment(before);
      uiStore
        .getState()
        .notify('error', `Could not save the assignment: ${(err as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  const remove = () => {
    projectStore.getState().setAssignment(undefined);
    uiStore.getState().notify('info', 'Removed the assignment: this is a plain project again.');
    close();
  };

  const title = editing ? 'Edit assignment' : 'Save as assignment';
  const goalLabel = (metric: RunMetric) => settingHeading(METRIC_LABELS[metric]);
  return (
    <dialog
      ref={ref}
      className="dialog assignment-dialog"
      aria-labelledby={`${id}-title`}
      onClose={close}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="dialog-lead">
          Students open the saved file as a project: the graph, the data and the settings as they
          are now, with this goal and these limits.
        </p>
        <div className="field">
          <label htmlFor={`${id}-name`}>Title</label>
          <input
            id={`${id}-name`}
            className="text-input"
            value={draft.title}
            required
            onChange={(e) => change({ title: e.target.value })}
            {...described(`${id}-name-error`, errors.title)}
          />
          <FieldError id={`${id}-name-error`} text={errors.title} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-instructions`}>Instructions</label>
          <textarea
            id={`${id}-instructions`}
            className="text-input"
            rows={3}
            value={draft.instructions}
            onChange={(e) => change({ instructions: e.target.value })}
            {...described(`${id}-instructions-error`, errors.instructions)}
          />
          <FieldError id={`${id}-instructions-error`} text={errors.instructions} />
        </div>
        <fieldset className="assignment-group">
          <legend>Goal</legend>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-metric`}>Metric</label>
              <select
                id={`${id}-metric`}
                value={draft.metric}
                onChange={(e) => change({ metric: e.target.value as RunMetric })}
              >
                {RUN_METRICS.map((metric) => (
                  <option key={metric} value={metric}>
                    {goalLabel(metric)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-bound`}>Must be</label>
              <select
                id={`${id}-bound`}
                value={draft.bound}
                onChange={(e) => change({ bound: e.target.value as AssignmentDraft['bound'] })}
              >
                <option value="atMost">at most</option>
                <option value="atLeast">at least</option>
                <option value="between">between</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-value`}>Value</label>
              <input
                id={`${id}-value`}
                className="text-input"
                inputMode="decimal"
                value={draft.value}
                onChange={(e) => change({ value: e.target.value })}
                {...described(`${id}-value-error`, errors.value)}
              />
            </div>
            {draft.bound === 'between' && (
              <div className="field">
                <label htmlFor={`${id}-upper`}>and</label>
                <input
                  id={`${id}-upper`}
                  className="text-input"
                  inputMode="decimal"
                  value={draft.upper}
                  onChange={(e) => change({ upper: e.target.value })}
                  {...described(`${id}-upper-error`, errors.upper)}
                />
              </div>
            )}
          </div>
          <FieldError id={`${id}-value-error`} text={errors.value} />
          <FieldError id={`${id}-upper-error`} text={errors.upper} />
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-budget`}>Parameter budget (optional)</label>
          <input
            id={`${id}-budget`}
            className="text-input"
            inputMode="numeric"
            value={draft.budget}
            onChange={(e) => change({ budget: e.target.value })}
            aria-describedby={`${id}-budget-hint${errors.budget ? ` ${id}-budget-error` : ''}`}
            {...(errors.budget ? { 'aria-invalid': true } : {})}
          />
          <p className="field-hint" id={`${id}-budget-hint`}>
            The model now has {parameters.toLocaleString('en-US')} parameters. Leave empty for no
            limit.
          </p>
          <FieldError id={`${id}-budget-error`} text={errors.budget} />
        </div>
        <fieldset className="assignment-group" {...described(`${id}-kinds-error`, errors.kinds)}>
          <legend>Allowed kinds</legend>
          <p className="field-hint">All checked: every kind is allowed.</p>
          <div className="kind-groups">
            <div className="kind-group">
              <h3>Input</h3>
              <label className="check">
                <input type="checkbox" checked disabled />
                Input (always)
              </label>
            </div>
            {GROUPS.map((group) => (
              <div className="kind-group" key={group.title}>
                <h3>{group.title}</h3>
                {group.kinds.map((kind) => (
                  <label className="check" key={kind}>
                    <input
                      type="checkbox"
                      checked={draft.kinds.includes(kind)}
                      onChange={(e) =>
                        change({ kinds: toggle(draft.kinds, kind, e.target.checked) })
                      }
                    />
                    {nodeDefinition(kind).label}
                  </label>
                ))}
              </div>
            ))}
          </div>
          <FieldError id={`${id}-kinds-error`} text={errors.kinds} />
        </fieldset>
        <fieldset className="assignment-group">
          <legend>Locked settings</legend>
          <p className="field-hint">A student's project must keep these values.</p>
          <div className="lock-list">
            {LOCKABLE_SETTINGS.map((setting: LockableSetting) => (
              <label className="check" key={setting}>
                <input
                  type="checkbox"
                  checked={draft.locked.includes(setting)}
                  onChange={(e) =>
                    change({ locked: toggle(draft.locked, setting, e.target.checked) })
                  }
                />
                {settingHeading(LOCK_LABELS[setting])}
                <span className="lock-value">
                  {lockedValueText(setting, { dataset, training })}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="dialog-actions assignment-actions">
          {editing && (
            <button type="button" className="remove-assignment" onClick={remove}>
              Remove assignment
            </button>
          )}
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            Save assignment…
          </button>
        </div>
      </form>
    </dialog>
  );
}
