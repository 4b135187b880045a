// Command-line options of `npm run bench`, validated: bad input is one `error:` line and exit 2.
import { parseArgs } from 'node:util';

export const CONTENDERS = [
  'layerboard-webgpu',
  'layerboard-cpu',
  'tfjs-webgpu',
  'tfjs-webgl',
  'tfjs-cpu',
];

/** Learning rates: SGD as the lessons use it, Adam at PyTorch's default. */
const LR = { sgd: 0.01, adam: 0.001 };

/**
 * The default configurations, `[cnn-]<optimizer>-<batch>`: the 784-128-10 MLP unless `cnn-` names
 * the CNN lesson's network (bench/data.ts). The first is the one the plain names report.
 */
export const CONFIGS = ['sgd-64', 'sgd-128', 'adam-64', 'adam-128', 'cnn-adam-64'];

/** What each model is, for the log. */
export const MODEL_NAMES = {
  mlp: '784-128-10 MLP',
  cnn: "the CNN lesson's network (conv 16, bn, relu, pool, conv 32, bn, relu, pool, linear 1568-128, relu, linear 128-10)",
};

export class UsageError extends Error {}

/** `cnn-adam-64` as `{ label, model, optimizer, batchSize, lr }`. */
function parseConfig(text) {
  const match = /^(cnn-)?(sgd|adam)-([1-9][0-9]*)$/.exec(text);
  if (!match) {
    throw new UsageError(
      `--configs "${text}" is not [cnn-]<sgd|adam>-<batch>, e.g. ${CONFIGS[0]} or cnn-adam-64`,
    );
  }
  const [, cnn, optimizer, batch] = match;
  return {
    label: text,
    model: cnn ? 'cnn' : 'mlp',
    optimizer,
    batchSize: Number(batch),
    lr: LR[optimizer],
  };
}

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
        batch: { type: 'string' },
        configs: { type: 'string' },
        profile: { type: 'boolean', default: false },
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
  if (values.batch !== undefined && values.configs !== undefined) {
    throw new UsageError('give --batch or --configs, not both');
  }
  const labels =
    values.batch !== undefined
      ? [`sgd-${positive('batch', values.batch, { integer: true })}`]
      : (values.configs ?? CONFIGS.join(','))
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  const configs = labels.map(parseConfig);
  if (configs.length === 0) throw new UsageError('--configs names no configuration');
  for (const { batchSize } of configs) {
    if (batchSize > samples) {
      throw new UsageError(`batch ${batchSize} exceeds --samples ${samples}`);
    }
  }
  const common = {
    samples,
    seconds: positive('seconds', values.seconds, { integer: false }),
    warmupSeconds: positive('warmup', values.warmup, { integer: false }),
    seed: 1,
    profile: values.profile,
  };
  return {
    help: values.help,
    json: values.json,
    contenders: CONTENDERS.filter((name) => only.includes(name)),
    rounds: positive('rounds', values.rounds, { integer: true }),
    /** One BenchOptions (bench/harness.ts) per configuration, with its label. */
    configs: configs.map(({ label, ...config }) => ({ label, bench: { ...common, ...config } })),
  };
}
