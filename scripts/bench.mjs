#!/usr/bin/env node
// `npm run bench`: samples per second of Layerboard's engine (WebGPU and CPU backends) and of
// TensorFlow.js 4.22 (webgpu, webgl, cpu), training the same model from the same initial
// parameters (PyTorch's default initialisation) on the same seeded Fashion-MNIST-shaped random
// data, in one headless Chromium on one WebGPU adapter. Two models (bench/data.ts):
//   - the 784-128-10 MLP (softmax cross-entropy), with SGD (lr 0.01, no momentum) and Adam
//     (lr 0.001) at batch 64 and 128: configurations sgd-64, sgd-128, adam-64, adam-128;
//   - the CNN lesson's network (resources/examples/cnn.layerboard.json): [1, 28, 28] ->
//     Conv2d(1, 16, 3, padding 1) -> BatchNorm2d -> ReLU -> MaxPool2d(2) -> Conv2d(16, 32, 3,
//     padding 1) -> BatchNorm2d -> ReLU -> MaxPool2d(2) -> Flatten -> Linear(1568, 128) -> ReLU ->
//     Linear(128, 10), with Adam
//     (lr 0.001) at batch 64: configuration cnn-adam-64. TF.js runs it channels last (NHWC, its
//     natural layout; the Linear's rows permuted to match), Layerboard channels first as PyTorch.
// Warm-up is left out of the timing. GFLOP/s count 2 FLOPs per multiply-add of the products:
//   - MLP, the 4P rule: 4 FLOPs per parameter per sample (a multiply-add each for the forward
//     product and for the weight gradient; the input gradients, only 128x10 here, left out),
//     0.407 MFLOP a sample for 784-128-10;
//   - CNN: a convolution reuses each weight at every position, so multiply-adds are counted, for
//     the forward pass (conv1 16x28x28x9 = 112,896, conv2 32x14x14x144 = 903,168, fc1
//     1568x128 = 200,704, fc2 1,280: 1.22 M), again for the weight gradients, and for the input
//     gradients of every layer but the first (which no contender computes):
//     2 x (3 x 1,218,048 - 112,896) = 7.08 MFLOP a sample.
//   Batch norm, ReLU, pooling and the optimizer's elementwise work are left out of both.
//
// Usage: npm run bench -- [--json] [--only name,name] [--configs c,c] [--rounds N] [--profile]
//                         [--seconds N] [--warmup N] [--samples N] [--batch N]
//   --json      one line {"results":[{"name":...,"samplesPerSec":...}, ...]} on stdout, the rest
//               on stderr; names are plain for sgd-64 and `name/config` for the others
//   --only      contenders among layerboard-webgpu, layerboard-cpu, tfjs-webgpu, tfjs-webgl,
//               tfjs-cpu (default: all)
//   --configs   [cnn-]<sgd|adam>-<batch> (default: sgd-64,sgd-128,adam-64,adam-128,cnn-adam-64);
//               --batch N is short for --configs sgd-N
//   --rounds    rounds over all contenders, each reported by its median (default 1)
//   --profile   also time each kernel of a step: Layerboard's WebGPU session each kernel on its
//               own (GPU timestamps where the adapter has them), TF.js by tf.profile (its calls
//               of each kernel in a step summed)
//   --seconds   timed seconds per contender (default 3); --warmup untimed seconds (default 1)
//   --samples   dataset size (default 4096)
// The CNN alone, without the slow CPU contenders' long steps weighing on the run:
//   npm run bench -- --configs cnn-adam-64 --seconds 2
// The page is bench/ (built by Vite into out/bench); a contender that fails, or shows no progress
// for 300 s, is reported in the table and left out of the JSON. Exit 0 if at least one ran.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { adapterInfo, launchChromium, runContender } from './bench/browser.mjs';
import { buildBench } from './bench/build.mjs';
import { CONFIGS, MODEL_NAMES, parseOptions, UsageError } from './bench/options.mjs';
import { formatProfiles, formatTable, gflops } from './bench/report.mjs';
import { serve } from './bench/server.mjs';

const log = (line) => console.error(line);

/**
 * How long a contender may go without progress (a step, a profiled step) before it counts as
 * stuck: a CNN step of TF.js on SwiftShader's WebGL, shaders compiling, took tens of seconds on
 * a loaded 2-core machine.
 */
const IDLE_MS = 300_000;

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
  for (const model of new Set(configs.map((c) => c.bench.model))) {
    const labels = configs.filter((c) => c.bench.model === model).map((c) => c.label);
    log(`bench: ${MODEL_NAMES[model]}: ${labels.join(', ')}`);
  }
  log(`bench: ${samples} samples, ${warmupSeconds} s warm-up + ${seconds} s timed per contender`);
  // The machine may be shared: a high load makes every figure lower and noisier.
  const load = loadavg().map((x) => x.toFixed(2));
  log(`bench: load average ${load.join(' ')} on ${availableParallelism()} cores`);
  for (const [name, error] of buildFailures) log(`bench: ${name}: ${error}`);
  const results = [];
  for (const { label, bench } of configs) {
    const errors = new Map(buildFailures);
    const runs = new Map(contenders.map((name) => [name, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const name of contenders.filter((n) => !errors.has(n))) {
        const what = `${name} ${label}${rounds > 1 ? ` (round ${round}/${rounds})` : ''}`;
        log(`bench: ${what} ...`);
        try {
          const result = await runContender(browser, url, name, bench, IDLE_MS);
          runs.get(name).push(result);
          log(`bench: ${what}: ${Math.round(result.samplesPerSec)} samples/s`);
        } catch (err) {
          errors.set(name, err.message);
          log(`bench: ${what}: failed: ${err.message}`);
        }
      }
    }
    for (const name of contenders) {
      const shown = { name: resultName(name, label), model: bench.model };
      results.push(
        errors.has(name)
          ? { ...shown, error: errors.get(name) }
          : { ...median(runs.get(name)), ...shown },
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
      gflops: gflops(r),
      ...r.gpu,
      ...(r.drawsPerStep ? { drawsPerStep: r.drawsPerStep } : {}),
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
