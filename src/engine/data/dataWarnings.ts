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
  if (info.skipped && info.skipped.length > 0)
    warnings.push(skippedWarning(info.name, info.skipped));
  return warnings;
}

/** Files named in a warning at most: the rest are counted. */
const NAMED_FILES = 10;

/**
 * The files an image folder left out, by name, and why (not PNG or JPEG, or damaged): the app
 * and `layerboard train` show it, so that nothing is dropped unseen.
 */
function skippedWarning(name: string, skipped: readonly string[]): string {
  const named = skipped.slice(0, NAMED_FILES).join(', ');
  const more = skipped.length > NAMED_FILES ? ` and ${skipped.length - NAMED_FILES} more` : '';
  const files = skipped.length === 1 ? '1 file' : `${skipped.length} files`;
  return `"${name}": ${files} left out, not PNG or JPEG images in a class folder: ${named}${more}`;
}
