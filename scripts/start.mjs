#!/usr/bin/env node
// `npm start`: the desktop app when Electron's binary is there (installing it once if it is not),
// otherwise the same app served to the browser, with one line saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Runs Electron's own installer once; returns why it failed, or undefined on success. */
function installElectron() {
  console.log('Electron is not installed yet: downloading it once…');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status === 0 && electronBinary()) return undefined;
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const firstError = output.split('\n').find((line) => /error|failed/i.test(line));
  return (firstError ?? result.error?.message ?? `installer exited with ${result.status}`).trim();
}

function run(args) {
  const child = spawn(npm, args, { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

const failure = electronBinary() ? undefined : installElectron();
if (failure === undefined) {
  run(['exec', '--', 'electron-vite', 'preview']);
} else {
  console.log(
    `Electron's binary could not be downloaded (${failure}): serving Layerboard in your browser instead.`,
  );
  run(['run', 'web']);
}
