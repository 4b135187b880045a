import { useMemo } from 'react';
import {
  budgetProblem,
  goalText,
  kindProblems,
  lockProblems,
  METRIC_LABELS,
  meetsGoal,
  metricText,
} from '../../engine';
import { isNodeKind } from '../../shared/nodeKinds';
import type { Goal } from '../../shared/project';
import { runCommand } from '../commands/registry';
import { useCommandContext } from '../commands/useCommands';
import { useCompiled, useGraph, useProject, useTraining } from '../stores/appStores';
import { goalProgress } from './goalProgress';

/** The goal and, during and after a run, the last epoch's value on a meter, met or not yet. */
function GoalMeter({ goal }: { goal: Goal }) {
  const value = useTraining((s) => {
    const report = s.history.at(-1)?.report;
    return report?.[goal.metric];
  });
  const running = useTraining((s) => s.running);
  const label = METRIC_LABELS[goal.metric];
  const met = value !== undefined && meetsGoal(goal, value);
  return (
    <div className="goal">
      <p>
        <strong>Goal:</strong> {goalText(goal)}
      </p>
      {value === undefined ? (
        <p className="goal-now">Train to see how close the model gets.</p>
      ) : (
        <>
          <meter
            className="goal-meter"
            aria-label="Progress to the goal"
            min={0}
            max={1}
            low={0.999}
            optimum={1}
            value={goalProgress(goal, value)}
          />
          <p className={met ? 'goal-now goal-met' : 'goal-now'} aria-live="polite">
            Now: {label} {metricText(value)}
            {met ? ' — goal met' : running ? ' — training…' : ' — not yet'}
          </p>
        </>
      )}
    </div>
  );
}

/** What would fail the hand-in now: the budget, the kinds, the locked settings. */
function useAssignmentProblems(): string[] {
  const assignment = useProject((s) => s.assignment);
  const lockedValues = useProject((s) => s.lockedValues);
  const dataset = useProject((s) => s.dataset);
  const training = useProject((s) => s.training);
  // The kinds only, as one string: moving a node (every frame of a drag) changes nothing here.
  const kinds = useGraph((s) => s.nodes.map((n) => n.data.kind).join(' '));
  const parameters = useCompiled((s) => (s.result.model ? s.result.totalParams : undefined));
  return useMemo(() => {
    if (!assignment) return [];
    const budget = parameters === undefined ? undefined : budgetProblem(assignment, parameters);
    return [
      ...(budget ? [budget] : []),
      ...kindProblems(assignment, {
        nodes: kinds.split(' ').flatMap((kind) => (isNodeKind(kind) ? [{ kind }] : [])),
      }),
      ...(lockedValues ? lockProblems(assignment, lockedValues, { dataset, training }) : []),
    ];
  }, [assignment, lockedValues, dataset, training, kinds, parameters]);
}

/**
 * The open assignment above the canvas: its title, the teacher's instructions (plain text), the
 * goal with a live meter, what would fail the hand-in now, and Hand in.
 */
export function AssignmentPanel() {
  const ctx = useCommandContext();
  const assignment = useProject((s) => s.assignment);
  const problems = useAssignmentProblems();
  if (!assignment) return null;
  return (
    <section className="assignment" aria-labelledby="assignment-title">
      <h2 id="assignment-title">
        <span className="assignment-tag">Assignment</span> {assignment.title}
      </h2>
      {assignment.instructions && (
        <details open className="assignment-instructions">
          <summary>Instructions</summary>
          <p>{assignment.instructions}</p>
        </details>
      )}
      <GoalMeter goal={assignment.goal} />
      {problems.length > 0 && (
        <ul className="assignment-problems" aria-label="What would fail the hand-in">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <button type="button" className="button" onClick={() => runCommand('hand-in', ctx)}>
        Hand in…
      </button>
    </section>
  );
}
