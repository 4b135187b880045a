#!/usr/bin/env node
// `npm run bench`: samples per second of Layerboard's engine (WebGPU and CPU backends) and of
// TensorFlow.js 4.22 (webgpu, webgl, cpu), training the same 784-128-10 MLP (softmax
// cross-entropy, SGD lr 0.01, no momentum) on the same seeded Fashion-MNIST-shaped random data,
// in one headless Chromium on one WebGPU adapter. Warm-up is left out of the timing.
//
// Usage: npm run bench -- [--json] [--only name,name] [--seconds N] [--batch N]
//                         [--samples N] [--warmup N]
//   --json      one line {"results":[{"name":...,"samplesPerSec":...}, ...]} on stdout, the rest
//               on stderr
//   --only      contenders among layerboard-webgpu, layerboard-cpu, tfjs-webgpu, tfjs-webgl,
//               tfjs-cpu (default: all)
//   --seconds   timed seconds per contender (default 3); --warmup untimed seconds (default 1)
//   --batch     batch size (default 64); --samples dataset size (default 4096)
//   --rounds    rounds over all contenders, each reported by its median (default 1)
// The page is bench/ (built by Vite into out/bench); a contender that fails is reported in the
// table and left out of the JSON. Exit 0 if at least one contender ran.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { adapterInfo, launchChromium, runContender } from './bench/browser.mjs';
import { buildBench } from './bench/build.mjs';
import { parseOptions, UsageError } from './bench/options.mjs';
import { formatTable } from './bench/report.mjs';
import { serve } from './bench/server.mjs';

const log = (line) => console.error(line);

/** The usage comment at the top of this file. */
function usage() {
  const lines = readFileSync(new URL(import.meta.url), 'utf8')
    .split('\n')
    .slice(1);
  const end = lines.findIndex((line) => !line.startsWith('//'));
  return lines
    .slice(0, end)
    .map((line) => line.replace(/^\/\/ ?/, ''))
    .join('\n');
}

/** The run with the median samples per second, with the spread of all rounds. */
function median(runs) {
  const sorted = [...runs].sort((a, b) => a.samplesPerSec - b.samplesPerSec);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (sorted.length === 1) return middle;
  const spread = [sorted[0].samplesPerSec, sorted[sorted.length - 1].samplesPerSec];
  return { ...middle, rounds: sorted.length, spread };
}

/**
 * Prints the adapter, then runs each contender in its own page, round after round (interleaved, so
 * that a passing load on a shared machine spreads over all contenders); failures become rows.
 */
async function runAll(browser, url, { bench, contenders, rounds }, buildFailures) {
  const adapter = await adapterInfo(browser, url);
  log(`bench: WebGPU adapter: ${adapter.webgpu}`);
  log(`bench: WebGL renderer: ${adapter.webgl}`);
  log(
    `bench: 784-128-10 MLP, batch ${bench.batchSize}, SGD lr ${bench.lr}, ${bench.samples} samples, ` +
      `${bench.warmupSeconds} s warm-up + ${bench.seconds} s timed per contender`,
  );
  // The machine may be shared: a high load makes every figure lower and noisier.
  const load = loadavg().map((x) => x.toFixed(2));
  log(`bench: load average ${load.join(' ')} on ${availableParallelism()} cores`);
  const errors = new Map(buildFailures);
  for (const [name, error] of errors) log(`bench: ${name}: ${error}`);
  const runs = new Map(contenders.map((name) => [name, []]));
  const timeoutMs = (60 + 4 * (bench.seconds + bench.warmupSeconds)) * 1000;
  for (let round = 1; round <= rounds; round++) {
    for (const name of contenders.filter((n) => !errors.has(n))) {
      const label = rounds > 1 ? `${name} (round ${round}/${rounds})` : name;
      log(`bench: ${label} ...`);
      try {
        const result = await runContender(browser, url, name, bench, timeoutMs);
        runs.get(name).push(result);
        log(`bench: ${label}: ${Math.round(result.samplesPerSec)} samples/s`);
      } catch (err) {
        errors.set(name, err.message);
        log(`bench: ${label}: failed: ${err.message}`);
      }
    }
  }
  return contenders.map((name) =>
    errors.has(name) ? { name, error: errors.get(name) } : median(runs.get(name)),
  );
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`error: ${err.message}`);
    return 2;
  }
  if (options.help) {
    console.log(usage());
    return 0;
  }
  log('bench: building the page (Vite) ...');
  const engines = options.contenders.filter((name) => name.startsWith('layerboard-'));
  const buildFailures = await buildBench(engines);
  const server = await serve(resolve('out/bench'));
  let results;
  try {
    const browser = await launchChromium();
    try {
      results = await runAll(browser, server.url, options, buildFailures);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }

  const table = formatTable(results);
  const ran = results.filter((r) => !r.error);
  if (options.json) {
    console.error(table);
    for (const r of results.filter((r) => r.error)) {
      console.error(`bench: ${r.name} is left out of the JSON: ${r.error}`);
    }
    const json = ran.map((r) => ({
      name: r.name,
      samplesPerSec: r.samplesPerSec,
      msPerStep: r.msPerStep,
      ...r.gpu,
    }));
    console.log(JSON.stringify({ results: json }));
  } else {
    console.log(table);
  }
  if (ran.length === 0) {
    console.error('error: no contender ran (see the table above for why)');
    return 1;
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  // Whatever stops the whole run (the page does not build, Chromium does not start): one line.
  console.error(`error: ${String(err?.message ?? err).split('\n')[0]}`);
  process.exitCode = 1;
}
