import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { _electron, type ElectronApplication, expect, type Page, test } from '@playwright/test';

// Electron's binary is fetched on first launch (Electron 45 has no install script); where it is
// missing, as on machines without a route to its release host, this test reports itself skipped.
// (Requiring 'electron' itself would try that download, so its path is read the way it does.)
const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
function electronBinary(): string | undefined {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
const executablePath = electronBinary();
const electronInstalled = executablePath !== undefined;

const project = resolve('resources/examples/line-fit.layerboard.json');

test.describe('the desktop app', () => {
  test.skip(
    !electronInstalled,
    `Electron binary not installed: ${join(electronDir, 'dist')} is missing (run "npx install-electron" where its release host is reachable)`,
  );
  test.describe.configure({ timeout: 180_000 });

  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], {
      stdio: 'inherit',
      timeout: 150_000,
    });
    // The built renderer on app://, not a dev server a parent shell may have named.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          entry[0] !== 'ELECTRON_RENDERER_URL' && entry[1] !== undefined,
      ),
    );
    app = await _electron.launch({ executablePath, args: [resolve('out/main/index.js')], env });
    page = await app.firstWindow();
    await expect(page.getByRole('main', { name: 'Model graph' })).toBeVisible();
  });

  test.afterAll(async () => {
    if (!app) return;
    // Training may leave changes: answer "Don't save" should the window ask.
    await app.evaluate(({ dialog }) => {
      dialog.showMessageBox = (async () => ({ response: 1, checkboxChecked: false })) as never;
    });
    await app.close();
  });

  test('runs the renderer locked down: isolated, sandboxed, no Node, from app://', async () => {
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      // Documented, though missing from electron.d.ts.
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
        getLastWebPreferences(): Record<string, unknown> | null;
      };
      const prefs = contents.getLastWebPreferences();
      return {
        contextIsolation: prefs?.contextIsolation,
        sandbox: prefs?.sandbox,
        nodeIntegration: prefs?.nodeIntegration,
      };
    });
    expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(page.url()).toBe('app://layerboard/index.html');
    const inPage = await page.evaluate(async () => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((globalThis as { layerboard?: object }).layerboard ?? {}).length > 0,
      // The built-in datasets load relative to the page, as in the web build.
      dataset: (await fetch('./datasets/crop-yields.csv')).ok,
      remote: await fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      ),
    }));
    expect(inPage).toEqual({
      require: 'undefined',
      process: 'undefined',
      api: true,
      dataset: true,
      remote: 'blocked',
    });
  });

  test("opens a project through File > Open's menu handler and trains one epoch", async () => {
    // The native dialog answers with the lesson's file, as if the user chose it.
    await app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as never;
    }, project);
    await app.evaluate(({ Menu }) => {
      const item = Menu.getApplicationMenu()?.getMenuItemById('open');
      if (!item?.enabled) throw new Error('File > Open is missing or disabled');
      item.click();
    });
    await expect(page.getByRole('textbox', { name: 'Project name' })).toHaveValue(/line/i);

    await page.getByRole('tab', { name: 'Training' }).click();
    await page
      .getByRole('toolbar', { name: 'Training controls' })
      .getByRole('button', { name: 'Train', exact: true })
      .click();
    await expect(page.getByText(/epoch 1\/\d+/)).toBeVisible({ timeout: 120_000 });
  });

  test('lists the opened project under File > Open recent', async () => {
    const recent = await app.evaluate(({ Menu }) =>
      Menu.getApplicationMenu()
        ?.items.find((m) => m.label === 'File')
        ?.submenu?.items.find((m) => m.label === 'Open recent')
        ?.submenu?.items.map((m) => m.sublabel),
    );
    expect(recent).toContain(project);
  });
});
