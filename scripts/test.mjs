#!/usr/bin/env node
// `npm test`: gets what the tests need from the system (scripts/prerequisites.mjs), runs the unit
// tests (vitest) and the e2e tests (Playwright in Chromium, on the web build), and closes with one
// line, "tests: N passed, N failed, N skipped", after naming every skipped suite and why. Under
// CI=true a skipped unit test is a failure: CI installs everything those tests need.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensurePrerequisites } from './prerequisites.mjs';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const ci = process.env.CI === 'true';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const reports = 'out/test';

if (!ensurePrerequisites()) process.exit(1);
mkdirSync(reports, { recursive: true });

function run(command, args, env = {}) {
  console.log(`\n> ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** Electron's launch test needs a display on Linux: xvfb-run gives one where the binary exists. */
function e2eCommand() {
  const base = [npx, 'playwright', 'test', '--reporter=list,json'];
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(electronDir, 'path.txt');
  const binary = existsSync(pathFile)
    ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    : undefined;
  const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY;
  if (!binary || !existsSync(binary) || !needsDisplay) return base;
  const hasXvfb = spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).status !== null;
  if (!hasXvfb && process.getuid?.() === 0) {
    console.log('npm test: installing xvfb for the Electron launch test');
    spawnSync('apt-get', ['install', '-y', '-q', 'xvfb'], { stdio: 'inherit' });
  }
  return ['xvfb-run', '-a', ...base];
}

const unitOk = run(npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reports}/unit.json`,
]);
const webOk = run(npx, ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);
const [e2eBin, ...e2eArgs] = e2eCommand();
const e2eOk = webOk && run(e2eBin, e2eArgs, { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json` });

const summary = { passed: 0, failed: 0, skipped: [] };

function readReport(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

const unit = readReport(`${reports}/unit.json`);
for (const file of unit?.testResults ?? []) {
  for (const test of file.assertionResults) {
    if (test.status === 'passed') summary.passed++;
    else if (test.status === 'failed') summary.failed++;
    else
      summary.skipped.push({
        suite: `unit: ${test.ancestorTitles.join(' > ') || file.name}`,
        unit: true,
      });
  }
}

const e2e = readReport(`${reports}/e2e.json`);
function walk(suite, path) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) {
      if (test.status === 'expected' || test.status === 'flaky') summary.passed++;
      else if (test.status === 'unexpected') summary.failed++;
      else {
        const why = test.annotations?.find((a) => a.type === 'skip')?.description;
        summary.skipped.push({
          suite: `e2e: ${[...path, suite.title].filter(Boolean).join(' > ')}${why ? ` (${why})` : ''}`,
        });
      }
    }
  }
  for (const child of suite.suites ?? []) walk(child, [...path, suite.title]);
}
for (const suite of e2e?.suites ?? []) walk(suite, []);

const skippedSuites = new Map();
for (const s of summary.skipped) skippedSuites.set(s.suite, (skippedSuites.get(s.suite) ?? 0) + 1);
if (skippedSuites.size > 0) {
  console.log('\nskipped:');
  for (const [suite, count] of skippedSuites) console.log(`  ${count} in ${suite}`);
}
const unitSkipped = summary.skipped.filter((s) => s.unit).length;
if (ci && unitSkipped > 0) {
  console.log(`\nCI: ${unitSkipped} unit tests were skipped; every unit test must run under CI.`);
}
const ok = unitOk && webOk && e2eOk && summary.failed === 0 && !(ci && unitSkipped > 0);
console.log(
  `\ntests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped.length} skipped`,
);
process.exit(ok && summary.passed > 0 ? 0 : 1);
