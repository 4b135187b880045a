import { isInputError } from '../engine/errors';
import { EVAL_USAGE, evalCommand } from './eval';
import { EXPORT_USAGE, exportCommand } from './export';
import { removeTemporaryFiles } from './files';
import { terminalText } from './format';
import { GRADE_USAGE, gradeCommand } from './grade';
import { PREDICT_USAGE, predictCommand } from './predict';
import { type Output, TRAIN_USAGE, trainCommand } from './train';

const USAGE = `usage:
  ${TRAIN_USAGE}
  ${EVAL_USAGE}
  ${PREDICT_USAGE}
  ${EXPORT_USAGE}
  ${GRADE_USAGE}`;

// A Map, not an object: the command is what the user typed, and `constructor` or `toString`
// would find the object's own methods.
const COMMANDS = new Map<string, (args: readonly string[], io: Output) => Promise<void>>([
  ['train', trainCommand],
  ['eval', evalCommand],
  ['predict', predictCommand],
  ['export', exportCommand],
  ['grade', gradeCommand],
]);
const NAMES = [...COMMANDS.keys()];

const io: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  // Messages quote what the user gave (file and column names, labels): shown, never obeyed.
  err: (line) => process.stderr.write(`${terminalText(line)}\n`),
};

/** Runs one command; returns the exit status (2 for bad input, with one `error:` line). */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined) {
    io.err(`error: no command given: use ${NAMES.join(' or ')} (layerboard --help)`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const run = COMMANDS.get(command);
  if (!run) {
    io.err(
      `error: unknown command "${command}": use one of ${NAMES.join(', ')} (layerboard --help)`,
    );
    return 2;
  }
  stopOnSignals(command);
  try {
    await run(args, io);
    return 0;
  } catch (err) {
    if (!isInputError(err)) throw err;
    io.err(`error: ${err.message.replace(/\s*\n\s*/g, ' ')}`);
    return 2;
  }
}

/** What Ctrl-C (or a `kill`) stopped, in one line: nothing is left half-written. */
function stoppedLine(command: string, signal: NodeJS.Signals): string {
  const how = signal === 'SIGINT' ? 'Ctrl-C' : signal;
  return command === 'train'
    ? `training stopped (${how}): no model file was written`
    : `${command} stopped (${how}): nothing was written`;
}

/**
 * Ctrl-C and `kill` end the command with one line saying what was stopped, after removing any
 * file being written (its temporary file); exit status 130 (128 + SIGINT), or 143 for SIGTERM.
 */
function stopOnSignals(command: string): void {
  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      removeTemporaryFiles();
      io.err(stoppedLine(command, signal));
      void exit(status);
    });
  }
}

// However the process ends (an internal error included), no temporary file stays behind.
process.on('exit', removeTemporaryFiles);

/** Waits for stdout and stderr to flush, then exits: the WebGPU object would keep Node alive. */
async function exit(code: number): Promise<never> {
  await Promise.all(
    [process.stdout, process.stderr].map(
      (s) => new Promise<void>((resolve) => s.write('', () => resolve())),
    ),
  );
  process.exit(code);
}

main(process.argv.slice(2)).then(exit, async (err: unknown) => {
  process.stderr.write(
    `layerboard: internal error (please report it):\n${(err as Error).stack ?? String(err)}\n`,
  );
  await exit(1);
});
