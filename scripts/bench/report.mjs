// The results as a table for people (the JSON line is written by bench.mjs).

const fmt = (value, digits) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Notes of one result: the counts that explain its speed. */
function notes(result) {
  if (result.error) return `FAILED: ${result.error}`;
  const parts = [
    ...(result.rounds
      ? [`median of ${result.rounds} rounds (${result.spread.map((x) => fmt(x, 0)).join('-')})`]
      : []),
    `${result.steps} steps in ${fmt(result.seconds, 1)} s`,
    `loss ${fmt(result.loss, 3)} after ${result.warmupSteps + result.steps} steps`,
  ];
  if (result.gpu) {
    const { dispatchesPerStep, submitsPerStep, readbacksPerEpoch } = result.gpu;
    parts.push(
      `${fmt(dispatchesPerStep, 1)} dispatches/step`,
      `${fmt(submitsPerStep, 2)} submits/step`,
      `${fmt(readbacksPerEpoch, 2)} readbacks/epoch (${result.syncs} harness syncs)`,
    );
  }
  const own = Object.entries(result.countersPerStep ?? {});
  if (own.length > 0) {
    parts.push(`session per step: ${own.map(([key, v]) => `${key} ${fmt(v, 2)}`).join(', ')}`);
  }
  parts.push(`setup ${fmt(result.setupSeconds, 1)} s`, ...result.notes);
  return parts.join('; ');
}

/** Rows of `name  samples/s  ms/step  notes`, aligned. */
export function formatTable(results) {
  const rows = [
    ['contender', 'samples/s', 'ms/step', 'notes'],
    ...results.map((r) => [
      r.name,
      r.error ? '-' : fmt(r.samplesPerSec, 0),
      r.error ? '-' : fmt(r.msPerStep, 2),
      notes(r),
    ]),
  ];
  const width = (i) => Math.max(...rows.map((row) => row[i].length));
  return rows
    .map((row) =>
      [row[0].padEnd(width(0)), row[1].padStart(width(1)), row[2].padStart(width(2)), row[3]].join(
        '  ',
      ),
    )
    .join('\n');
}
