import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';

const panel = (page: Page) => page.getByRole('complementary', { name: 'Side panel' });
const inputWire = (page: Page) => page.getByTestId('shape-in->fc1');

/** A project saved in a browser after importing farms.csv: the file keeps its name, not its data. */
const farmsProject = {
  format: 'layerboard/project',
  version: 1,
  name: 'Farms',
  graph: {
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 } },
      { id: 'fc1', kind: 'linear', params: { outFeatures: 1 }, position: { x: 0, y: 130 } },
    ],
    edges: [{ source: 'in', target: 'fc1' }],
  },
  dataset: {
    source: 'csv',
    path: 'farms.csv',
    features: ['plot_area', 'temp_f', 'rainfall_mm', 'humidity_pct'],
    targets: ['yield_ton'],
    task: 'regression',
  },
  training: {
    loss: 'mse',
    optimizer: { type: 'sgd', lr: 0.01 },
    batchSize: 8,
    epochs: 10,
    normalize: 'standardize',
  },
};

/** Chooses `files` in the file chooser that `click` opens. */
async function choose(
  page: Page,
  click: () => Promise<void>,
  files: string | { name: string; mimeType: string; buffer: Buffer },
) {
  const chooser = page.waitForEvent('filechooser');
  await click();
  await (await chooser).setFiles(files);
}

test('a reopened project names the CSV it needs, and importing that file gives the Input its shape', async ({
  page,
}) => {
  await page.goto('/');
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await expect(inputWire(page)).toHaveText('[batch, 3]');

  const open = page
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'Open', exact: true });
  await choose(page, () => open.click(), {
    name: 'farms.layerboard.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(farmsProject)),
  });
  await expect(page.getByRole('textbox', { name: 'Project name' })).toHaveValue('Farms');

  // The browser cannot read farms.csv by its name: the panel says so, and what to do.
  const missing = panel(page).getByRole('region', { name: 'Missing data' });
  await expect(missing).toContainText(
    'This project trains on farms.csv (plot_area, temp_f, rainfall_mm and humidity_pct to predict the numbers in yield_ton), which is not loaded.',
  );
  await expect(missing).toContainText('Import farms.csv to see the data and to train on it');
  await expect(inputWire(page)).toHaveCount(0);
  await panel(page).screenshot({ path: '/tmp/b-reopen-missing.png' });

  await choose(
    page,
    () => missing.getByRole('button', { name: 'Import farms.csv…' }).click(),
    'e2e/fixtures/farms.csv',
  );
  // The project's own file: no new import to set up, the project's columns as they were.
  await expect(inputWire(page)).toHaveText('[batch, 4]');
  await expect(missing).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Import farms.csv' })).toHaveCount(0);
  const project = panel(page).getByRole('region', { name: 'Project dataset' });
  await expect(project).toContainText('8 for training');
  await expect(project).toContainText('plot_area, temp_f, rainfall_mm, humidity_pct');
  await panel(page).screenshot({ path: '/tmp/b-reopen-loaded.png' });
});

/**
 * The desktop app's preload, faked in the page: its disk is `window.disk` (path -> text), and
 * `window.handOver` stands for files the OS hands over (Open recent, "open with").
 */
function fakeDesktop(disk: Record<string, string>) {
  const page = globalThis as unknown as Record<string, unknown>;
  page.disk = disk;
  const files = () => page.disk as Record<string, string>;
  page.layerboard = {
    platform: 'linux',
    versions: { electron: '0', chrome: '0' },
    readFile: async (path: string) => {
      const text = files()[path];
      if (text === undefined) {
        throw new Error(`Error invoking remote method 'file:read': Error: ${path} does not exist`);
      }
      return new TextEncoder().encode(text);
    },
    showOpenDialog: async () => undefined,
    saveFile: async () => undefined,
    askToSave: async () => 'cancel',
    setAvailableCommands: () => undefined,
    editText: () => undefined,
    closeWindow: () => undefined,
    toggleFullScreen: () => undefined,
    pathForFile: () => '',
    onMenuCommand: () => () => undefined,
    onOpenFiles: (listener: unknown) => {
      page.handOver = listener;
      return () => undefined;
    },
    onCloseRequested: () => () => undefined,
  };
}

test('in the desktop app, a reopened project reads its CSV from beside it, or says where it looked', async ({
  page,
}) => {
  const projectPath = '/home/ada/farms/farms.layerboard.json';
  await page.addInitScript(fakeDesktop, { [projectPath]: JSON.stringify(farmsProject) });
  await page.goto('/');
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await expect(inputWire(page)).toHaveText('[batch, 3]');

  await page.evaluate(
    (path) =>
      (globalThis as unknown as { handOver: (files: unknown[]) => void }).handOver([
        { name: 'farms.layerboard.json', path },
      ]),
    projectPath,
  );
  await expect(page.getByRole('textbox', { name: 'Project name' })).toHaveValue('Farms');
  const missing = panel(page).getByRole('region', { name: 'Missing data' });
  await expect(missing).toContainText('Looked at /home/ada/farms/farms.csv: does not exist.');
  await expect(missing).toContainText(
    'Import farms.csv again, or put it next to the project and choose Look again.',
  );
  await expect(inputWire(page)).toHaveCount(0);
  await panel(page).screenshot({ path: '/tmp/b-reopen-desktop-missing.png' });

  // The user puts farms.csv next to the project.
  const csv = readFileSync('e2e/fixtures/farms.csv', 'utf8');
  await page.evaluate((text) => {
    const disk = (globalThis as unknown as { disk: Record<string, string> }).disk;
    disk['/home/ada/farms/farms.csv'] = text;
  }, csv);
  await missing.getByRole('button', { name: 'Look again' }).click();
  await expect(inputWire(page)).toHaveText('[batch, 4]');
  await expect(panel(page).getByRole('region', { name: 'Project dataset' })).toContainText(
    '8 for training',
  );

  // And it trains, on the file read from disk.
  await page.getByRole('tab', { name: 'Training' }).click();
  const controls = page.getByRole('toolbar', { name: 'Training controls' });
  await controls.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('epoch 10/10', {
    timeout: 60_000,
  });
});
