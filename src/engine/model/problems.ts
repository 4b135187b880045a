/** Something compile found, shown on the node it concerns (or on the project when `nodeId` is absent). */
export interface Problem {
  readonly nodeId?: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
