#!/usr/bin/env node
// `npm run bench`: samples per second of Layerboard's engine (WebGPU and CPU backends) and of
// TensorFlow.js 4.22 (webgpu, webgl, cpu), training the same 784-128-10 MLP (softmax
// cross-entropy) on the same seeded Fashion-MNIST-shaped random data, in one headless Chromium
// on one WebGPU adapter, with SGD (lr 0.01, no momentum) and Adam (lr 0.001) at batch 64 and 128.
// Warm-up is left out of the timing. GFLOP/s are by the 4P rule: 4 FLOPs per parameter per
// sample (a multiply-add each for the forward product and for the weight gradient; the input
// gradients, only 128x10 here, left out), 0.407 MFLOP a sample for 784-128-10.
//
// Usage: npm run bench -- [--json] [--only name,name] [--configs c,c] [--rounds N] [--profile]
//                         [--seconds N] [--warmup N] [--samples N] [--batch N]
//   --json      one line {"results":[{"name":...,"samplesPerSec":...}, ...]} on stdout, the rest
//               on stderr; names are plain for sgd-64 and `name/config` for the others
//   --only      contenders among layerboard-webgpu, layerboard-cpu, tfjs-webgpu, tfjs-webgl,
//               tfjs-cpu (default: all)
//   --configs   <sgd|adam>-<batch> (default: sgd-64,sgd-128,adam-64,adam-128); --batch N is
//               short for --configs sgd-N
//   --rounds    rounds over all contenders, each reported by its median (default 1)
//   --profile   also time each kernel of a Layerboard WebGPU step on its own (GPU timestamps
//               where the adapter has them)
//   --seconds   timed seconds per contender (default 3); --warmup untimed seconds (default 1)
//   --samples   dataset size (default 4096)
// The page is bench/ (built by Vite into out/bench); a contender that fails is reported in the
// table and left out of the JSON. Exit 0 if at least one contender ran.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { adapterInfo, launchChromium, runContender } from './bench/browser.mjs';
import { buildBench } from './bench/build.mjs';
import { CONFIGS, parseOptions, UsageError } from './bench/options.mjs';
import { FLOPS_PER_SAMPLE, formatProfiles, formatTable } from './bench/report.mjs';
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

/** The name of `name`'s result in configuration `label`: plain for sgd-64, as before. */
function resultName(name, label) {
  return label === CONFIGS[0] ? name : `${name}/${label}`;
}

/**
 * Prints the adapter, then runs each contender in its own page, configuration by configuration,
 * round after round (interleaved, so that a passing load on a shared machine spreads over all
 * contenders); failures become rows.
 */
async function runAll(browser, url, { configs, contenders, rounds }, buildFailures) {
  const adapter = await adapterInfo(browser, url);
  log(`bench: WebGPU adapter: ${adapter.webgpu}`);
  log(`bench: WebGL renderer: ${adapter.webgl}`);
  const { samples, warmupSeconds, seconds } = configs[0].bench;
  log(
    `bench: 784-128-10 MLP, ${configs.map((c) => c.label).join(', ')}, ${samples} samples, ` +
      `${warmupSeconds} s warm-up + ${seconds} s timed per contender`,
  );
  // The machine may be shared: a high load makes every figure lower and noisier.
  const load = loadavg().map((x) => x.toFixed(2));
  log(`bench: load average ${load.join(' ')} on ${availableParallelism()} cores`);
  for (const [name, error] of buildFailures) log(`bench: ${name}: ${error}`);
  const results = [];
  for (const { label, bench } of configs) {
    const errors = new Map(buildFailures);
    const runs = new Map(contenders.map((name) => [name, []]));
    const timeoutMs = (90 + 4 * (bench.seconds + bench.warmupSeconds)) * 1000;
    for (let round = 1; round <= rounds; round++) {
      for (const name of contenders.filter((n) => !errors.has(n))) {
        const what = `${name} ${label}${rounds > 1 ? ` (round ${round}/${rounds})` : ''}`;
        log(`bench: ${what} ...`);
        try {
          const result = await runContender(browser, url, name, bench, timeoutMs);
          runs.get(name).push(result);
          log(`bench: ${what}: ${Math.round(result.samplesPerSec)} samples/s`);
        } catch (err) {
          errors.set(name, err.message);
          log(`bench: ${what}: failed: ${err.message}`);
        }
      }
    }
    for (const name of contenders) {
      const shown = resultName(name, label);
      results.push(
        errors.has(name)
          ? { name: shown, error: errors.get(name) }
          : { ...median(runs.get(name)), name: shown },
      );
    }
  }
  return results;
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

  const table = `${formatTable(results)}${formatProfiles(results)}`;
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
      gflops: (r.samplesPerSec * FLOPS_PER_SAMPLE) / 1e9,
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
