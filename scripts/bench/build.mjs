// Builds the benchmark page, then each engine contender apart (see bench/vite.config.ts), so that
// an engine still being written fails its own contender and not the run.
import { build } from 'vite';

const configFile = 'bench/vite.config.ts';

/** The first line of a build error that says what is wrong, without colours. */
function summary(err) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes.
  const text = String(err?.message ?? err).replace(/\u001b\[[0-9;]*m/g, '');
  const lines = text.split('\n').map((line) => line.trim());
  return lines.find((line) => line !== '' && !/^Build failed with/.test(line)) ?? 'unknown error';
}

/**
 * Builds into out/bench. Returns a map from engine contender name to the reason its build failed.
 * Throws if the page itself does not build.
 */
export async function buildBench(engineContenders) {
  await build({ configFile, mode: 'production', logLevel: 'warn' });
  const failures = new Map();
  for (const name of engineContenders) {
    try {
      await build({ configFile, mode: name, logLevel: 'silent' });
    } catch (err) {
      failures.set(name, `build failed: ${summary(err)}`);
    }
  }
  return failures;
}
