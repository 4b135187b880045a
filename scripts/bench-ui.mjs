#!/usr/bin/env node
// The main thread while the app trains: trains the Fashion-MNIST softmax regression (File > New >
// Softmax regression) through the UI in headless Chromium with WebGPU, while a
// PerformanceObserver('longtask') records every main-thread task over 50 ms. Prints how many
// there were from the Train click to the end of the run, and the longest.
//
// Usage: npm run build:web && node scripts/bench-ui.mjs [--epochs N] [--screenshot file.png]
//   --epochs      epochs to train (default 2)
//   --screenshot  saves the window during the second epoch (charts of the first one showing)
//   --json        one line {"longTasks":..,"longestMs":..,"seconds":..} on stdout
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { launchChromium } from './bench/browser.mjs';

const log = (line) => console.error(line);

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const epochs = Number(option('epochs', '2'));
const screenshot = option('screenshot', undefined);
const json = process.argv.includes('--json');
if (!Number.isInteger(epochs) || epochs < 1) {
  log(`error: --epochs "${option('epochs')}" is not a whole number of 1 or more`);
  process.exit(2);
}
if (!existsSync('out/web/index.html')) {
  log('error: out/web/index.html is missing: run "npm run build:web" first');
  process.exit(2);
}

/** The app's own static server on a free-ish port; resolves once it answers. */
async function startServer() {
  const port = 20000 + (process.pid % 20000);
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => server.kill() };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`the app server did not answer on ${url}`);
}

/** Runs before the app: records long tasks from the page's start. */
function observeLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
}

const server = await startServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(observeLongTasks);
  await page.goto(server.url);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'New' }).click();
  await page.getByRole('button', { name: /Softmax regression/ }).click();
  await page.getByRole('tab', { name: 'Training' }).click();
  await page
    .getByRole('form', { name: 'Training settings' })
    .getByLabel('Epochs')
    .fill(String(epochs));
  const status = page.getByRole('status', { name: 'Training status' });

  const started = await page.evaluate(() => performance.now());
  await page
    .getByRole('toolbar', { name: 'Training controls' })
    .getByRole('button', { name: 'Train', exact: true })
    .click();
  if (screenshot && epochs > 1) {
    await status.getByText(/epoch 1\//).waitFor({ timeout: 300_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: screenshot });
    log(`screenshot: ${screenshot}`);
  }
  await page.getByText(new RegExp(`epoch ${epochs}/${epochs} .*completed`)).waitFor({
    timeout: 600_000,
  });
  const ended = await page.evaluate(() => performance.now());
  if (screenshot && epochs === 1) await page.screenshot({ path: screenshot });
  const tasks = (await page.evaluate(() => window.__longTasks)).filter((t) => t.start >= started);
  const backend = await page.getByText(/Training on (WebGPU|the CPU)/).innerText();
  const result = {
    longTasks: tasks.length,
    longestMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
    seconds: Number(((ended - started) / 1000).toFixed(1)),
    epochs,
    backend,
    status: await status.innerText(),
  };
  log(`${backend}; ${result.status}`);
  log(
    `main-thread tasks over 50 ms from Train to the end (${result.seconds} s): ${result.longTasks}, longest ${result.longestMs} ms`,
  );
  for (const t of tasks)
    log(`  at ${((t.start - started) / 1000).toFixed(2)} s: ${Math.round(t.duration)} ms`);
  if (json) console.log(JSON.stringify(result));
} finally {
  await browser.close();
  server.stop();
}
