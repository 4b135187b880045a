import { useCompiled } from '../stores/appStores';
import { ProblemList } from './ProblemList';

/** Problems that concern the whole model rather than one node (the loss against the data). */
export function GraphProblems() {
  const problems = useCompiled((s) => s.graphProblems);
  if (problems.length === 0) return null;
  return <ProblemList problems={problems} className="graph-problems" label="Model problems" />;
}
