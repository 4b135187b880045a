// Command-line options of `npm run bench`, validated: bad input is one `error:` line and exit 2.
import { parseArgs } from 'node:util';

export const CONTENDERS = [
  'layerboard-webgpu',
  'layerboard-cpu',
  'tfjs-webgpu',
  'tfjs-webgl',
  'tfjs-cpu',
];

export class UsageError extends Error {}

function positive(name, text, { integer }) {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(
      `--${name} "${text}" must be a positive ${integer ? 'integer' : 'number'}`,
    );
  }
  return value;
}

/** Parses `argv` (without node and the script) into the run's settings. */
export function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        only: { type: 'string' },
        seconds: { type: 'string', default: '3' },
        warmup: { type: 'string', default: '1' },
        batch: { type: 'string', default: '64' },
        samples: { type: 'string', default: '4096' },
        rounds: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError(`${err.message} (see --help)`);
  }
  const only = values.only
    ? values.only
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : CONTENDERS;
  const unknown = only.filter((name) => !CONTENDERS.includes(name));
  if (unknown.length > 0 || only.length === 0) {
    throw new UsageError(
      `--only "${values.only}" names no known contender; choose from ${CONTENDERS.join(', ')}`,
    );
  }
  const samples = positive('samples', values.samples, { integer: true });
  const batchSize = positive('batch', values.batch, { integer: true });
  if (batchSize > samples)
    throw new UsageError(`--batch ${batchSize} exceeds --samples ${samples}`);
  return {
    help: values.help,
    json: values.json,
    contenders: CONTENDERS.filter((name) => only.includes(name)),
    rounds: positive('rounds', values.rounds, { integer: true }),
    bench: {
      batchSize,
      samples,
      seconds: positive('seconds', values.seconds, { integer: false }),
      warmupSeconds: positive('warmup', values.warmup, { integer: false }),
      seed: 1,
      lr: 0.01,
    },
  };
}
