// The results as a table for people (the JSON line is written by bench.mjs).

/** Parameters of 784-128-10: 784 x 128 + 128 + 128 x 10 + 10. */
const MLP_PARAMS = 784 * 128 + 128 + 128 * 10 + 10;

/**
 * Multiply-adds of the CNN's forward pass for one sample, layer by layer: each output of a
 * convolution is in x 3 x 3 of them, each output of a Linear its in features.
 */
const CNN_MACS = [
  16 * 28 * 28 * (1 * 3 * 3), // conv1: 112,896
  32 * 14 * 14 * (16 * 3 * 3), // conv2: 903,168
  128 * (32 * 7 * 7), // fc1: 200,704
  10 * 128, // fc2: 1,280
];

/**
 * FLOPs a training sample costs, by the rules bench.mjs states: the MLP's 4P (0.407 MFLOP), the
 * CNN's multiply-adds forward, for the weight gradients and for the input gradients of all layers
 * but the first (7.08 MFLOP).
 */
export const FLOPS_PER_SAMPLE = {
  mlp: 4 * MLP_PARAMS,
  cnn: 2 * (3 * CNN_MACS.reduce((a, b) => a + b) - CNN_MACS[0]),
};

/** GFLOP/s of a result, by its model's FLOPs per sample. */
export const gflops = (result) => (result.samplesPerSec * FLOPS_PER_SAMPLE[result.model]) / 1e9;

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
  if (result.drawsPerStep) parts.push(`${fmt(result.drawsPerStep, 1)} WebGL draws/step`);
  const own = Object.entries(result.countersPerStep ?? {});
  if (own.length > 0) {
    parts.push(`session per step: ${own.map(([key, v]) => `${key} ${fmt(v, 2)}`).join(', ')}`);
  }
  parts.push(`setup ${fmt(result.setupSeconds, 1)} s`, ...result.notes);
  return parts.join('; ');
}

/** Rows of `name  samples/s  GFLOP/s  ms/step  notes`, aligned. */
export function formatTable(results) {
  const rows = [
    ['contender', 'samples/s', 'GFLOP/s', 'ms/step', 'notes'],
    ...results.map((r) => [
      r.name,
      r.error ? '-' : fmt(r.samplesPerSec, 0),
      r.error ? '-' : fmt(gflops(r), 2),
      r.error ? '-' : fmt(r.msPerStep, 2),
      notes(r),
    ]),
  ];
  const width = (i) => Math.max(...rows.map((row) => row[i].length));
  return rows
    .map((row) =>
      [row[0].padEnd(width(0)), ...[1, 2, 3].map((i) => row[i].padStart(width(i))), row[4]].join(
        '  ',
      ),
    )
    .join('\n');
}

/** With `--profile`: each profiled contender's kernels and their time per dispatch. */
export function formatProfiles(results) {
  const parts = results
    .filter((r) => r.profile)
    .map((r) => {
      const { method, kernels } = r.profile;
      const total = kernels.reduce((sum, k) => sum + k.ms, 0);
      const width = Math.max(...kernels.map((k) => k.name.length));
      const lines = kernels.map(
        (k) =>
          `  ${k.name.padEnd(width)}  ${fmt(k.ms, 3).padStart(8)} ms  ${fmt((100 * k.ms) / total, 0).padStart(3)}%`,
      );
      return [
        `${r.name}: time per kernel (${method})`,
        ...lines,
        `  ${'sum'.padEnd(width)}  ${fmt(total, 3).padStart(8)} ms`,
      ].join('\n');
    });
  return parts.length > 0 ? `\n\n${parts.join('\n\n')}` : '';
}
