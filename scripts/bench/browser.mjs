// Debian's Chromium driven by Playwright, with the launch settings of the e2e tests
// (e2e/chromium.ts: WebGPU on, SwiftShader where there is no GPU).
import { chromium } from '@playwright/test';
import { tsImport } from 'tsx/esm/api';

export async function launchChromium() {
  const { chromiumPath, chromiumLaunchArgs } = await tsImport(
    '../../e2e/chromium.ts',
    import.meta.url,
  );
  return chromium.launch({ executablePath: chromiumPath, args: chromiumLaunchArgs });
}

/** The page's message for a failure, without Playwright's prefix and the stack. */
function reason(err) {
  const text = String(err?.message ?? err).replace(/^page\.evaluate: /, '');
  return text.split('\n')[0].replace(/^Error: /, '');
}

/**
 * Runs `fn(page)` in a fresh page of `url` (a fresh context: no GPU state shared). It fails once
 * the page has shown no progress for `idleMs`: the page calls `benchProgress()` at every step of
 * its own (bench/harness.ts), so a slow contender may take as long as it needs, a stuck one not.
 */
async function withPage(browser, url, idleMs, fn) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  let timer;
  let stuck;
  const idle = new Promise((_, reject) => {
    stuck = () => reject(new Error(`no progress in ${idleMs / 1000} s`));
  });
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(stuck, idleMs);
  };
  try {
    await page.exposeFunction('benchProgress', arm);
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window);
    arm();
    return await Promise.race([fn(page), idle]);
  } catch (err) {
    const extra = errors.length > 0 ? ` (page error: ${errors[0]})` : '';
    throw new Error(`${reason(err)}${extra}`);
  } finally {
    clearTimeout(timer);
    await page.close();
  }
}

export function adapterInfo(browser, url) {
  return withPage(browser, url, 30_000, (page) => page.evaluate(() => window.bench.adapterInfo()));
}

export function runContender(browser, url, name, options, idleMs) {
  return withPage(browser, url, idleMs, (page) =>
    page.evaluate(([n, o]) => window.bench.run(n, o), [name, options]),
  );
}
