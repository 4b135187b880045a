import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { goalText, gradebookCsv, LOCK_LABELS, nodeDefinition } from '../../../engine';
import { DATA_FILTERS } from '../../commands/dataCommands';
import { PROJECT_FILTERS } from '../../commands/fileCommands';
import { platform } from '../../platform/currentPlatform';
import { projectFileName } from '../../project/projectDocument';
import { projectStore, uiStore, useProject, useUi } from '../../stores/appStores';
import { gradingStore } from './appGrading';
import type { StudentCurve } from './curvesOption';
import { metricsText, parametersText, verdictText } from './gradeTable';
import { type GradingState, type HandInFile, type HandInRow, OPEN_PROJECT } from './gradingStore';
import { HandInCurves } from './HandInCurves';
import { HandInGraph } from './HandInGraph';
import type { GradingAssignment } from './handInGrading';
import './teacher.css';

function useGrading<T>(selector: (state: GradingState) => T): T {
  return useStore(gradingStore, selector);
}

/** What the assignment asks, in one line: goal, budget, kinds, locks. */
function AssignmentSummary({ against }: { against: GradingAssignment }) {
  const { assignment } = against;
  const limits = [
    `goal: ${goalText(assignment.goal)}`,
    assignment.maxParameters === undefined
      ? 'no parameter budget'
      : `at most ${assignment.maxParameters.toLocaleString('en-US')} parameters`,
    assignment.allowedKinds
      ? `only ${assignment.allowedKinds
          .filter((kind) => kind !== 'input')
          .map((kind) => nodeDefinition(kind).label)
          .join(', ')}`
      : 'every kind',
    assignment.locked?.length
      ? `locked: ${assignment.locked.map((setting) => LOCK_LABELS[setting].replace(/^the /, '')).join(', ')}`
      : 'nothing locked',
  ];
  return (
    <p className="grade-assignment">
      <strong>{assignment.title}</strong> <span className="muted">({against.from})</span>:{' '}
      {limits.join('; ')}.
    </p>
  );
}

/** A row's verdict cell: the grade, or where the row is in the queue. */
function Verdict({ row }: { row: HandInRow }) {
  if (row.graded) {
    const { grade } = row.graded;
    return (
      <span className={grade.passed ? 'verdict passed' : 'verdict failed'}>
        {verdictText(grade)}
      </span>
    );
  }
  return <span className="muted">{row.state === 'training' ? 'Re-training…' : 'Waiting'}</span>;
}

/** The gradebook table: one row per hand-in, the same columns as `layerboard grade`. */
function GradeTable({ onShow }: { onShow: (index: number) => void }) {
  const rows = useGrading((s) => s.rows);
  const selected = useGrading((s) => s.selected);
  const metric = useGrading((s) => s.against?.assignment.goal.metric ?? 'loss');
  if (rows.length === 0) {
    return (
      <p className="empty-state">
        Choose the students' hand-in files: each is re-trained here and checked.
      </p>
    );
  }
  return (
    <div className="grade-table-wrap">
      <table className="grade-table">
        <caption className="visually-hidden">
          Hand-ins: choose a file name to see that student's model
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Parameters</th>
            <th scope="col">Claimed</th>
            <th scope="col">Measured</th>
            <th scope="col">Passed</th>
            <th scope="col">Problems</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const grade = row.graded?.grade;
            return (
              <tr
                // Rows keep their place: a file name can repeat, its position cannot.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={index}
                className={selected === index ? 'selected' : undefined}
              >
                <th scope="row">
                  {row.graded?.project ? (
                    <button
                      type="button"
                      className="link-button"
                      aria-pressed={selected === index}
                      onClick={() => onShow(index)}
                    >
                      {row.file}
                    </button>
                  ) : (
                    row.file
                  )}
                </th>
                <td className="number">{grade ? parametersText(grade.parameters) : ''}</td>
                <td className="metrics">{grade ? metricsText(grade.claimed, metric) : ''}</td>
                <td className="metrics">{grade ? metricsText(grade.measured, metric) : ''}</td>
                <td>
                  <Verdict row={row} />
                </td>
                <td>
                  {grade && grade.problems.length > 0 && (
                    <ul className="grade-problems">
                      {grade.problems.map((problem) => (
                        <li key={problem}>{problem}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The teacher view (File > Grade hand-ins): the assignment (the open project's, or a file), the
 * students' hand-ins re-trained one after another on the CPU and graded as `layerboard grade`
 * does, their loss curves overlaid, each one's model on a click, and the gradebook as CSV.
 */
export function GradeDialog() {
  const open = useUi((s) => s.dialog === 'grade');
  const projectHasAssignment = useProject((s) => s.assignment !== undefined);
  const against = useGrading((s) => s.against);
  const againstError = useGrading((s) => s.againstError);
  const rows = useGrading((s) => s.rows);
  const busy = useGrading((s) => s.busy);
  const progress = useGrading((s) => s.progress);
  const selected = useGrading((s) => s.selected);
  const handIns = useGrading((s) => s.files);
  const dataFiles = useGrading((s) => s.dataFiles);
  const [refusal, setRefusal] = useState<string | undefined>();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) {
      const { against: now } = gradingStore.getState();
      // The open project's assignment, unless the teacher chose a file.
      if (!now || now.from === OPEN_PROJECT) {
        gradingStore.getState().gradeAgainstOpenProject(projectStore.getState());
      }
      setRefusal(undefined);
      dialog.showModal();
    }
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  const close = () => {
    gradingStore.getState().stop();
    uiStore.getState().openDialog(undefined);
  };

  const chooseAssignment = async () => {
    const file = await platform.openFile({
      title: 'Choose the assignment',
      filters: PROJECT_FILTERS,
    });
    if (file) await gradingStore.getState().chooseAssignment(file);
  };

  const grade = async (files: readonly HandInFile[]) => {
    setRefusal(undefined);
    if (files.length > 0) setRefusal(await gradingStore.getState().grade(files));
  };
  const chooseHandIns = async () =>
    grade(await platform.openFiles({ title: 'Choose hand-ins', filters: PROJECT_FILTERS }));

  const addDataFiles = async () => {
    const files = await platform.openFiles({ title: 'Add data files', filters: DATA_FILTERS });
    await gradingStore.getState().addDataFiles(files);
  };

  const graded = rows.flatMap((row) => (row.graded ? [row.graded] : []));
  const exportGradebook = async () => {
    const title = against?.assignment.title ?? 'hand-ins';
    const saved = await platform.saveFile({
      title: 'Export gradebook',
      suggestedName: projectFileName(title).replace(/\.layerboard\.json$/, ' gradebook.csv'),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
      data: gradebookCsv(graded.map((g) => g.grade)),
    });
    if (saved) uiStore.getState().notify('info', `Saved ${saved.name}`);
  };

  const curves = useMemo<StudentCurve[]>(
    () =>
      rows.flatMap((row) =>
        row.graded
          ? [
              {
                file: row.file,
                rerun: row.graded.rerun,
                claimed: row.graded.project?.run?.history ?? [],
              },
            ]
          : [],
      ),
    [rows],
  );
  const shown = selected === undefined ? undefined : rows[selected]?.graded;

  return (
    <dialog
      ref={ref}
      className="dialog grade-dialog"
      aria-labelledby={`${id}-title`}
      onClose={close}
    >
      <h2 id={`${id}-title`}>Grade hand-ins</h2>
      <p className="dialog-lead">
        Each hand-in is re-trained here on the CPU, as its file says, then checked against the
        assignment: its parameter budget, the kinds it uses, the locked settings, the goal on the
        re-run, and its own claims against the re-run.
      </p>
      <section className="grade-section" aria-label="Assignment">
        {against ? (
          <AssignmentSummary against={against} />
        ) : (
          <p className="grade-assignment">
            The open project has no assignment: choose an assignment file (File &gt; Save as
            assignment makes one).
          </p>
        )}
        <div className="grade-buttons">
          <button type="button" className="button" onClick={chooseAssignment} disabled={busy}>
            Choose assignment file…
          </button>
          {projectHasAssignment && against?.from !== OPEN_PROJECT && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() =>
                gradingStore.getState().gradeAgainstOpenProject(projectStore.getState())
              }
            >
              Use the open project's
            </button>
          )}
        </div>
        {againstError && (
          <p className="field-error" role="alert">
            {againstError}
          </p>
        )}
      </section>
      <section className="grade-section" aria-label="Hand-ins">
        <div className="grade-buttons">
          <button
            type="button"
            className="button primary"
            onClick={chooseHandIns}
            disabled={!against || busy}
          >
            Choose hand-ins…
          </button>
          {busy ? (
            <button type="button" className="button" onClick={() => gradingStore.getState().stop()}>
              Stop
            </button>
          ) : (
            handIns.length > 0 && (
              <button type="button" className="button" onClick={() => grade(handIns)}>
                Grade again
              </button>
            )
          )}
          <button type="button" className="button" onClick={addDataFiles} disabled={busy}>
            Add data files…
          </button>
          <button
            type="button"
            className="button"
            onClick={exportGradebook}
            disabled={busy || graded.length === 0}
          >
            Export gradebook
          </button>
          <p className="grade-progress" role="status">
            {progress ??
              (graded.length > 0
                ? `${graded.filter((g) => g.grade.passed).length} of ${graded.length} passed`
                : '')}
          </p>
        </div>
        {dataFiles.size > 0 && (
          <p className="field-hint">
            Data files for hand-ins on imported data: {[...dataFiles.keys()].join(', ')}
          </p>
        )}
        {refusal && (
          <p className="field-error" role="alert">
            {refusal}
          </p>
        )}
        <GradeTable
          onShow={(index) => gradingStore.getState().select(selected === index ? undefined : index)}
        />
      </section>
      {graded.length > 0 && (
        <div className="grade-details">
          <HandInCurves curves={curves} />
          {shown?.project ? (
            <HandInGraph file={shown.grade.file} project={shown.project} />
          ) : (
            <p className="empty-state hand-in-model">
              Choose a file name in the table to see that student's model.
            </p>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          {busy ? 'Stop and close' : 'Close'}
        </button>
      </div>
    </dialog>
  );
}
