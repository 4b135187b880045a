import { batchShapeText, nodeDefinition, type Problem } from '../../engine';
import type { NodeKind } from '../../shared/nodeKinds';
import { countOf } from '../../shared/plural';

/**
 * The one line under a node's name that says how it is set ("256 outputs", "p = 0.5"), from its
 * parameters with their defaults filled in; none while a parameter is invalid.
 */
export function nodeSummary(
  kind: NodeKind,
  params: Readonly<Record<string, number>>,
): string | undefined {
  const def = nodeDefinition(kind);
  const parsed = def.schema.safeParse(params);
  return parsed.success ? def.summary?.(parsed.data) : undefined;
}

/**
 * What a screen reader says of a node: its kind and id, how it is set, its output shape, and
 * how many problems it has. "Linear fc1, 10 outputs, output [batch, 10]".
 */
export function nodeAccessibleName(
  id: string,
  kind: NodeKind,
  params: Readonly<Record<string, number>>,
  shape: readonly number[] | undefined,
  problems: readonly Problem[],
): string {
  const parts = [`${nodeDefinition(kind).label} ${id}`];
  const summary = nodeSummary(kind, params);
  if (summary) parts.push(summary);
  if (shape) parts.push(`output ${batchShapeText(shape)}`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) parts.push(countOf(errors, 'error'));
  else if (problems.length > 0) parts.push(countOf(problems.length, 'note'));
  return parts.join(', ');
}
