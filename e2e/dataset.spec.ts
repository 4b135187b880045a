import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';

const fixture = (name: string) => `e2e/fixtures/${name}`;
const fashion = (name: string) => `resources/datasets/fashion-mnist/${name}`;
const panel = (page: Page) => page.getByRole('complementary', { name: 'Side panel' });
const datasetSelect = (page: Page) => page.getByRole('combobox', { name: 'Dataset' });
const inputWire = (page: Page) => page.getByTestId('shape-in->fc1');

/** Starts from the app's first lesson (crop yields: Input -> Linear), with no autosave. */
async function fresh(page: Page) {
  await page.goto('/');
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await expect(inputWire(page)).toHaveText('[batch, 3]');
}

/** Chooses `path` in the file chooser that `click` opens. */
async function choose(page: Page, click: () => Promise<void>, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await click();
  await (await chooser).setFiles(path);
}

const importFile = (page: Page, path: string) =>
  choose(page, () => panel(page).getByRole('button', { name: 'Import dataset…' }).click(), path);

test('imports a CSV, marks its columns, and the Input node takes their shape', async ({ page }) => {
  await fresh(page);
  await datasetSelect(page).selectOption('population-profit');
  await expect(inputWire(page)).toHaveText('[batch, 1]');

  await importFile(page, fixture('farms.csv'));
  const draft = page.getByRole('region', { name: 'Import farms.csv' });
  await expect(draft).toContainText('8 rows · 6 columns · comma-separated');
  await expect(draft.getByRole('region', { name: 'First rows' })).toContainText('Glenholm');
  // Defaults: the farm's name is ignored, the last column is the target, the rest are features.
  await expect(page.getByRole('combobox', { name: 'Role of farm' })).toHaveValue('ignored');
  await expect(page.getByRole('combobox', { name: 'Role of plot_area' })).toHaveValue('feature');
  await expect(page.getByRole('combobox', { name: 'Role of yield_ton' })).toHaveValue('target');
  await expect(page.getByRole('combobox', { name: 'Task' })).toHaveValue('regression');
  // The statistics of a column: 73, 91, 87, 102, 69, 78, 84, 95.
  const temp = draft.locator('.column-card', { hasText: 'temp_f' });
  await expect(temp).toContainText('mean84.88');
  await expect(temp).toContainText('min69');
  await expect(temp).toContainText('max102');
  await expect(temp).toContainText('missing0');
  // Nothing changes in the project until the data is used.
  await expect(inputWire(page)).toHaveText('[batch, 1]');

  await page.getByRole('combobox', { name: 'Role of plot_area' }).selectOption('ignored');
  await expect(draft).toContainText('3 features → the number yield_ton.');
  await page.screenshot({ path: 'test-results/dataset-csv-draft.png' });
  await draft.getByRole('button', { name: 'Use this data' }).click();

  await expect(inputWire(page)).toHaveText('[batch, 3]');
  await expect(draft).toHaveCount(0);
  await expect(datasetSelect(page)).toHaveValue('');
  await expect(datasetSelect(page).locator('option:checked')).toHaveText('farms.csv (imported)');
  const project = page.getByRole('region', { name: 'Project dataset' });
  await expect(project).toContainText('8 for training');
  await expect(project).toContainText('temp_f, rainfall_mm, humidity_pct');
  await page.screenshot({ path: 'test-results/dataset-csv-used.png' });
});

test('a bad CSV shows what is wrong and where, and the project stays as it was', async ({
  page,
}) => {
  await fresh(page);
  await datasetSelect(page).selectOption('population-profit');
  await expect(inputWire(page)).toHaveText('[batch, 1]');

  await importFile(page, fixture('ragged.csv'));
  const alert = panel(page).getByRole('alert');
  await expect(alert).toContainText(
    '"ragged.csv", row 4: this row has 5 cells but the header (row 1) has 6.',
  );
  await expect(alert).toContainText('Your project is unchanged.');
  await page.screenshot({ path: 'test-results/dataset-bad-csv.png' });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);

  // Text in a column the user makes a feature: named by row and column when the data is used.
  await importFile(page, fixture('typo.csv'));
  await page.getByRole('combobox', { name: 'Role of humidity_pct' }).selectOption('feature');
  await expect(page.locator('.column-card', { hasText: 'humidity_pct' })).toContainText(
    'Row 3 holds “6O” among numbers: fix the cell, or empty it to mark the value missing.',
  );
  await page.getByRole('button', { name: 'Use this data' }).click();
  await expect(panel(page).getByRole('alert')).toContainText(
    '"typo.csv", row 3, column E "humidity_pct": "6O" is not a number, but most cells of this column are. Fix the cell, or empty it to mark the value missing.',
  );
  await expect(datasetSelect(page)).toHaveValue('population-profit');
  await expect(inputWire(page)).toHaveText('[batch, 1]');
});

test('Fashion-MNIST shows its rows, classes and a grid of sample images with labels', async ({
  page,
}) => {
  await fresh(page);
  await datasetSelect(page).selectOption('fashion-mnist');
  await expect(inputWire(page)).toHaveText('[batch, 1, 28, 28]');
  const grid = page.getByRole('region', { name: 'Sample images' });
  await expect(grid.getByRole('img')).toHaveCount(20, { timeout: 30_000 });
  await expect(grid.getByRole('img', { name: /^Ankle boot/ })).toHaveCount(2);
  await expect(grid.getByRole('img', { name: /^T-shirt\/top/ })).toHaveCount(2);
  await expect(grid).toContainText('Sneaker');
  // Each canvas holds a drawing, not a blank.
  const inked = await grid
    .getByRole('img')
    .first()
    .evaluate((canvas) => {
      const { data } = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28);
      return data.some((v, i) => i % 4 !== 3 && v > 0);
    });
  expect(inked).toBe(true);
  const project = page.getByRole('region', { name: 'Project dataset' });
  await expect(project).toContainText('60,000 for training, 10,000 for testing');
  await expect(page.getByRole('list', { name: 'Samples per class' })).toContainText(
    'Pullover6,000',
  );
  await grid.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/dataset-fashion.png' });
});

test('imports an IDX pair one file at a time and trains on 28 x 28 images', async ({ page }) => {
  // Playwright intercepts file choosers once a listener asks for them, which takes a round trip:
  // ask early, so that the chooser a key press opens at once is caught too.
  page.on('filechooser', () => undefined);
  await fresh(page);
  // Import dataset's shortcut opens the chooser too.
  await choose(page, () => page.keyboard.press('Control+i'), fashion('t10k-images-idx3-ubyte.gz'));
  const draft = page.getByRole('region', { name: 'Import IDX files' });
  await expect(draft).toContainText('t10k-images-idx3-ubyte.gz: 10,000 images of 28 x 28');
  await choose(
    page,
    () => draft.getByRole('button', { name: 'Choose labels file…' }).click(),
    fashion('t10k-labels-idx1-ubyte.gz'),
  );
  await expect(draft.getByRole('region', { name: 'Sample images' }).getByRole('img')).toHaveCount(
    20,
    { timeout: 30_000 },
  );
  await draft.getByRole('button', { name: 'Use this data' }).click();
  await expect(inputWire(page)).toHaveText('[batch, 1, 28, 28]');
  await expect(datasetSelect(page).locator('option:checked')).toHaveText(
    't10k-images-idx3-ubyte.gz (imported)',
  );
});

test('a CSV dropped on the window opens in the dataset panel', async ({ page }) => {
  await fresh(page);
  const text = readFileSync(fixture('farms.csv'), 'utf8');
  const dataTransfer = await page.evaluateHandle((csv) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([csv], 'farms.csv', { type: 'text/csv' }));
    return transfer;
  }, text);
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByRole('region', { name: 'Import farms.csv' })).toContainText('8 rows');
  await expect(inputWire(page)).toHaveText('[batch, 3]');
});

test('an IDX pair dropped at once opens as one import, images with their labels', async ({
  page,
}) => {
  await fresh(page);
  const files = ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'].map((name) => ({
    name,
    base64: readFileSync(fashion(name)).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((dropped) => {
    const transfer = new DataTransfer();
    for (const { name, base64 } of dropped) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name));
    }
    return transfer;
  }, files);
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  const draft = page.getByRole('region', { name: 'Import IDX files' });
  await expect(draft).toContainText('t10k-images-idx3-ubyte.gz: 10,000 images of 28 x 28');
  await expect(draft.getByRole('region', { name: 'Sample images' }).getByRole('img')).toHaveCount(
    20,
    { timeout: 30_000 },
  );
  await draft.getByRole('button', { name: 'Use this data' }).click();
  await expect(inputWire(page)).toHaveText('[batch, 1, 28, 28]');
});
