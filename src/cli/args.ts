import { parseArgs } from 'node:util';
import { InputError } from '../engine/errors';

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

/**
 * Node's parseArgs with its errors (an unknown option, a missing value) turned into InputErrors
 * that say what to type instead.
 */
export function parseCommandArgs<T extends OptionSpec>(
  args: readonly string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    const option = /'([^']+)'/.exec(message)?.[1] ?? '';
    const what =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `unknown option ${option}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `option ${option.split(' ')[0]} needs a value`
          : message.split('\n')[0]!.replace(/\.$/, '');
    throw new InputError(`${what}: usage: ${usage}`);
  }
}

/** A whole number of at least 1 from an option's text, or an InputError naming the option. */
export function positiveIntOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new InputError(`--${name} ${text}: expected a whole number of 1 or more`);
  }
  return value;
}

/** One of `choices` from an option's text. */
export function choiceOption<C extends string>(
  name: string,
  text: string | undefined,
  choices: readonly C[],
): C | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new InputError(`--${name} ${text}: expected one of ${choices.join(', ')}`);
  }
  return text as C;
}

/** The one positional argument a command takes. */
export function onePositional(positionals: readonly string[], what: string, usage: string): string {
  if (positionals.length === 0) throw new InputError(`missing ${what}: usage: ${usage}`);
  if (positionals.length > 1) {
    throw new InputError(`unexpected argument "${positionals[1]}": usage: ${usage}`);
  }
  return positionals[0]!;
}
