import type { NodeKind } from '../../shared/nodeKinds';

/** The one line under a node's name that says how it is set: "256 outputs", "p = 0.5". */
export function nodeSummary(
  kind: NodeKind,
  params: Readonly<Record<string, number>>,
): string | undefined {
  switch (kind) {
    case 'linear':
      return params.outFeatures === undefined ? undefined : `${params.outFeatures} outputs`;
    case 'dropout':
      return params.p === undefined ? undefined : `p = ${params.p}`;
    case 'leakyRelu':
      return params.negativeSlope === undefined ? undefined : `slope ${params.negativeSlope}`;
    default:
      return undefined;
  }
}
