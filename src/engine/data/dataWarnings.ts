import type { DatasetInfo } from './loadData';

/**
 * What is odd about a dataset without being an error, in words a student can act on: a
 * classification whose labels hold a single class (its loss is 0 from the start, and the model
 * learns nothing). `layerboard train` prints each as a `warning:` line.
 *
 * @example
 * for (const warning of dataWarnings(data.info)) console.error(`warning: ${warning}`);
 */
export function dataWarnings(info: DatasetInfo): string[] {
  const warnings: string[] = [];
  if (info.task === 'classification' && info.classes?.length === 1) {
    const column = info.targetNames[0] === undefined ? 'labels' : `column "${info.targetNames[0]}"`;
    warnings.push(
      `"${info.name}": the ${column} hold${column === 'labels' ? '' : 's'} one class only (${JSON.stringify(info.classes[0])}), so there is nothing to tell apart and the model learns nothing: check the target column, or use regression for numeric targets`,
    );
  }
  return warnings;
}
