/**
 * A count with its noun, as people write it: "1 output", "65,536 outputs", "0 rows". The one
 * home of plurals and thousands separators in messages, in the app and on the command line.
 *
 * @example
 * countOf(1, 'class', 'classes'); // "1 class"
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}
