import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { encode as encodePng } from 'fast-png';
import { control, expectNoViolations, freshApp, setSetting, status } from './app';

// An image folder imported in the app, as a student brings their own photos: one subfolder per
// class, a stray text file, then trained with Flatten + Linear.

const panel = (page: Page) => page.getByRole('complementary', { name: 'Side panel' });
const inputWire = (page: Page) => page.getByTestId('shape-in->flatten');

/**
 * Ten classes ("0" to "9") of 4 grey 28 x 28 images each, class k a bar at row 2k, and a text
 * file in class 3 that is left out.
 */
function writeFolder(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'layerboard-e2e-folder-')), 'bars');
  for (let k = 0; k < 10; k++) {
    mkdirSync(join(root, String(k)), { recursive: true });
    for (let n = 0; n < 4; n++) {
      const data = new Uint8Array(28 * 28).fill(10 * n);
      data.fill(255, 2 * k * 28, (2 * k + 2) * 28);
      const png = encodePng({ width: 28, height: 28, data, channels: 1, depth: 8 });
      writeFileSync(join(root, String(k), `${n}.png`), png);
    }
  }
  writeFileSync(join(root, '3', 'notes.txt'), 'bars, one per class');
  return root;
}

test('imports an image folder, shows its classes and samples, and trains one epoch', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await freshApp(page);
  await page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'New' }).click();
  await page.getByRole('button', { name: /Softmax regression/ }).click();
  await page.getByRole('tab', { name: 'Dataset' }).click();

  await panel(page).getByLabel('Image folder').setInputFiles(writeFolder());
  const draft = page.getByRole('region', { name: 'Import bars' });
  await expect(draft).toContainText('A folder of images · 40 images in 10 classes');
  await expect(draft.getByRole('textbox', { name: 'Height' })).toHaveValue('28');
  await expect(draft.getByRole('textbox', { name: 'Width' })).toHaveValue('28');
  await expect(draft.getByRole('combobox', { name: 'Channels' })).toHaveValue('1');
  await expect(
    draft.getByRole('list', { name: 'Samples per class' }).getByRole('listitem'),
  ).toHaveCount(10);
  await expect(draft.getByRole('img', { name: /^3 \(sample \d+\)$/ }).first()).toBeVisible();
  await draft.getByText('1 file left out').click();
  await expect(draft.getByRole('list', { name: 'Files left out' })).toHaveText(
    '3/notes.txt (not a PNG or JPEG file)',
  );

  // A quarter of the images kept apart for the test; the description is read again.
  const testSplit = draft.getByRole('textbox', { name: 'Test split' });
  await testSplit.fill('0.25');
  await testSplit.press('Enter');
  await expect(draft).toContainText('30 for training, 10 for testing');
  await page.screenshot({ path: 'test-results/folder-draft.png' });
  await expectNoViolations(page, 'an image folder draft');
  await draft.getByRole('button', { name: 'Use this data' }).click();

  await expect(inputWire(page)).toHaveText('[batch, 1, 28, 28]');
  await expect(
    page.getByRole('combobox', { name: 'Dataset' }).locator('option:checked'),
  ).toHaveText('bars (imported)');
  await setSetting(page, 'Epochs', '1');
  await control(page, 'Train').click();
  await expect(status(page)).toContainText('epoch 1/1', { timeout: 60_000 });

  // The folder's files (its 40 images and the note) stay in the browser's storage: a reload
  // finds them without an import.
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await expect(panel(page).getByText(/^Kept in this browser: 41 files/)).toBeVisible();
  await page.reload();
  await expect(inputWire(page)).toHaveText('[batch, 1, 28, 28]');
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await expect(page.getByRole('region', { name: 'Project dataset' })).toContainText(
    '30 for training, 10 for testing',
  );
});

test('a folder without class subfolders says what layout is expected', async ({ page }) => {
  await freshApp(page);
  await page.getByRole('tab', { name: 'Dataset' }).click();
  const flat = join(mkdtempSync(join(tmpdir(), 'layerboard-e2e-flat-')), 'photos');
  mkdirSync(flat);
  const png = encodePng({ width: 2, height: 2, data: new Uint8Array(4), channels: 1, depth: 8 });
  writeFileSync(join(flat, 'a.png'), png);
  await panel(page).getByLabel('Image folder').setInputFiles(flat);
  const alert = panel(page).getByRole('alert');
  await expect(alert).toContainText(
    '"photos" holds 1 image but no class subfolders: an image folder holds one subfolder per class',
  );
  await expect(alert).toContainText('Your project is unchanged.');
});
