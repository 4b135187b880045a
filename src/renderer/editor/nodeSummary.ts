import { batchShapeText, nodeDefinition, type Problem } from '../../engine';
import type { NodeKind } from '../../shared/nodeKinds';
import { countOf } from '../../shared/plural';

/** A node's parameters with their defaults filled in, or undefined while one is invalid. */
function parsedParams(kind: NodeKind, params: Readonly<Record<string, number>>) {
  const parsed = nodeDefinition(kind).schema.safeParse(params);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The one line under a node's name that says how it is set ("256 outputs", "p = 0.5"), from its
 * parameters with their defaults filled in; none while a parameter is invalid.
 */
export function nodeSummary(
  kind: NodeKind,
  params: Readonly<Record<string, number>>,
): string | undefined {
  const parsed = parsedParams(kind, params);
  return parsed && nodeDefinition(kind).summary?.(parsed);
}

/**
 * How a convolution or pooling node gets its output size from its input, each part a line:
 * ["(28 + 2·1 − 3) / 1 + 1 = 28"], or for a non-square image one line per side ("height …",
 * "width …"). Empty for kinds without arithmetic, and while the input or a parameter is unknown.
 */
export function nodeArithmetic(
  kind: NodeKind,
  params: Readonly<Record<string, number>>,
  inputShape: readonly number[] | undefined,
): string[] {
  const parsed = parsedParams(kind, params);
  const text = parsed && inputShape && nodeDefinition(kind).arithmetic?.(inputShape, parsed);
  // The definition joins a non-square image's sides with "; " (convArithmetic.ts).
  return text ? text.split('; ') : [];
}

/**
 * What a screen reader says of a node: its kind and id, how it is set, its output shape (and,
 * for a convolution or pooling layer, the arithmetic that gives it), and how many problems it
 * has. "Linear fc1, 10 outputs, output [batch, 10]".
 */
export function nodeAccessibleName(
  id: string,
  kind: NodeKind,
  params: Readonly<Record<string, number>>,
  shape: readonly number[] | undefined,
  problems: readonly Problem[],
  inputShape?: readonly number[],
): string {
  const parts = [`${nodeDefinition(kind).label} ${id}`];
  const summary = nodeSummary(kind, params);
  if (summary) parts.push(summary);
  if (shape) parts.push(`output ${batchShapeText(shape)}`);
  if (shape) {
    const lines = nodeArithmetic(kind, params, inputShape);
    // Said aloud, "2·1" is "2 dot 1": a times sign makes it "2 times 1".
    const spoken = lines.map((line) => line.replaceAll('·', ' × '));
    if (spoken.length === 1) parts.push(`height and width ${spoken[0]}`);
    else parts.push(...spoken);
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) parts.push(countOf(errors, 'error'));
  else if (problems.length > 0) parts.push(countOf(problems.length, 'note'));
  return parts.join(', ');
}
