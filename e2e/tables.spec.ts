import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { control, freshApp, node, setSetting, status } from './app';

// A table as courses bring it, in palmerpenguins' shape: "NA" cells, text columns (island,
// sex, the species to learn). Imported, its missing values left out, trained.
const penguins = 'src/engine/data/fixtures/penguins.csv';
const panel = (page: Page) => page.getByRole('complementary', { name: 'Side panel' });

/** A fresh app with penguins.csv imported, as a draft. */
async function importPenguins(page: Page) {
  await freshApp(page);
  await page.getByRole('button', { name: 'Got it' }).click();
  const chooser = page.waitForEvent('filechooser');
  await panel(page).getByRole('button', { name: 'Import dataset…' }).click();
  await (await chooser).setFiles(penguins);
}

test('imports a table with gaps and text columns, leaves out the gaps, and trains on it', async ({
  page,
}) => {
  await importPenguins(page);
  const draft = page.getByRole('region', { name: 'Import penguins.csv' });
  await expect(draft).toContainText('344 rows · 8 columns · comma-separated');
  // "NA" is counted as missing, and text columns are categories the model can take.
  const bill = draft.locator('.column-card', { hasText: 'bill_length_mm' });
  await expect(bill).toContainText('missing2');
  const island = draft.locator('.column-card', { hasText: 'island' });
  await expect(island).toContainText('Categories: Biscoe, Dream, Torgersen');
  await expect(page.getByRole('combobox', { name: 'Role of island' })).toHaveValue('feature');
  await expect(page.getByRole('combobox', { name: 'Role of sex' })).toHaveValue('feature');

  await page.getByRole('combobox', { name: 'Role of species' }).selectOption('target');
  await page.getByRole('combobox', { name: 'Role of year' }).selectOption('ignored');
  await expect(page.getByRole('combobox', { name: 'Task' })).toHaveValue('classification');
  await expect(draft).toContainText(
    '[batch, 9] = 4 numbers + island (3) + sex (2) → one of 3 classes: Adelie, Chinstrap, Gentoo.',
  );
  // With gaps in the chosen columns, the default leaves those rows out, and says how many.
  const missing = draft.getByRole('combobox', { name: 'Missing values' });
  await expect(missing).toHaveValue('drop');
  await expect(draft).toContainText('333 of 344 rows kept, 11 left out.');
  // Refusing missing values is a choice that says what to do, beside the button.
  await missing.selectOption('error');
  await expect(draft.getByRole('button', { name: 'Use this data' })).toBeDisabled();
  await expect(draft).toContainText('The chosen columns have missing values');
  await missing.selectOption('drop');
  const testSplit = draft.getByLabel('Test split');
  await testSplit.fill('0.2');
  await testSplit.press('Enter');
  await expect(draft).toContainText('67 of 333 rows kept apart until the end');
  await draft.getByRole('button', { name: 'Use this data' }).click();

  const project = page.getByRole('region', { name: 'Project dataset' });
  await expect(project).toContainText('266 for training, 67 for testing');
  await expect(project).toContainText('344 rows read; 11 left out for a missing value');
  await expect(project).toContainText('[batch, 9] = 4 numbers + island (3) + sex (2)');
  await expect(node(page, 'in')).toContainText('= 4 numbers + island (3) + sex (2)');

  // The lesson's Linear learns the three species, with cross-entropy.
  await node(page, 'fc1').click();
  const outFeatures = page.getByRole('region', { name: 'Inspector' }).getByLabel('Out features');
  await outFeatures.fill('3');
  await outFeatures.press('Enter');
  await page.getByRole('tab', { name: 'Training' }).click();
  await page.getByRole('combobox', { name: 'Loss' }).selectOption('cross-entropy');
  await page.getByRole('combobox', { name: 'Normalize' }).selectOption('standardize');
  await setSetting(page, 'Learning rate', '0.1');
  await setSetting(page, 'Epochs', '5');
  await control(page, 'Train').click();
  await expect(status(page)).toContainText('epoch 5/5', { timeout: 30_000 });
  await expect(status(page)).toContainText(/accuracy/);
  // The grades of the held-out test split: precision, recall and F1 of each species.
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const grades = page.getByRole('table', { name: 'Per class, epoch 5, test split' });
  await expect(grades.getByRole('rowheader')).toHaveText([
    'Adelie',
    'Chinstrap',
    'Gentoo',
    'macro average',
  ]);
  const macro = grades.getByRole('row', { name: /^macro average/ }).getByRole('cell');
  await expect(macro).toHaveText([/^\d+\.\d%$/, /^\d+\.\d%$/, /^\d+\.\d%$/, '67']);

  // The model file keeps the encoding: reopened, it asks for the raw columns, a category by name.
  await page.getByRole('tab', { name: 'Training' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page
    .getByRole('menu', { name: 'Export formats' })
    .getByRole('menuitem', { name: /Model JSON/ })
    .click();
  const file = await (await download).path();
  const model = JSON.parse(await readFile(file, 'utf8'));
  expect(model.inputShape).toEqual([9]);
  expect(model.preprocessing.columns.map((c: { kind: string }) => c.kind)).toEqual([
    'category',
    'number',
    'number',
    'number',
    'number',
    'category',
  ]);
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open model…' }).click();
  await (await chooser2).setFiles(file);
  // The file's grades are the run's: the same table, the same macro average.
  const fileGrades = page
    .getByRole('dialog')
    .getByRole('table', { name: 'Per class, epoch 5, test split' });
  await expect(
    fileGrades.getByRole('row', { name: /^macro average/ }).getByRole('cell'),
  ).toHaveText(await macro.allInnerTexts());
  const inputs = page.getByRole('dialog').getByRole('form', { name: 'Inputs' });
  await expect(inputs.getByLabel('island')).toHaveValue('Biscoe');
  await inputs.getByLabel('island').selectOption('Torgersen');
  await inputs.getByLabel('sex').selectOption('female');
  await inputs.getByLabel('bill_length_mm').fill('38');
  await inputs.getByLabel('bill_depth_mm').fill('18.5');
  await inputs.getByLabel('flipper_length_mm').fill('188');
  await inputs.getByLabel('body_mass_g').fill('3500');
  // A small Adelie from Torgersen: ranked first of the three species.
  const predictions = page.getByRole('dialog').getByRole('list', { name: 'Predictions' });
  await expect(predictions.getByRole('listitem')).toHaveCount(3);
  await expect(predictions.getByRole('listitem').first()).toContainText('Adelie');
  await inputs.getByLabel('body_mass_g').fill('');
  await expect(page.getByRole('dialog')).toContainText('Fill in body_mass_g.');
});

test('keeps an imported file in the browser: a reload finds the data, and the space can be freed', async ({
  page,
}) => {
  // Each test's browser context starts with empty storage: nothing is kept yet.
  await importPenguins(page);
  await page.getByRole('combobox', { name: 'Role of species' }).selectOption('target');
  await page.getByRole('combobox', { name: 'Role of year' }).selectOption('ignored');
  await page.getByRole('button', { name: 'Use this data' }).click();
  await expect(node(page, 'in')).toContainText('[batch, 9]');
  const kept = panel(page).getByText(/^Kept in this browser: 1 file, \d/);
  await expect(kept).toBeVisible();

  // A reload brings the project back from its autosave, and its data from the browser's storage.
  await page.reload();
  await expect(node(page, 'in')).toContainText('[batch, 9]');
  await expect(page.getByRole('region', { name: 'Project dataset' })).toContainText(
    '344 rows read; 11 left out for a missing value',
  );

  await kept.click();
  await panel(page).getByRole('button', { name: 'Remove penguins.csv from this browser' }).click();
  await expect(kept).toHaveCount(0);
  // The next session asks for the file again.
  await page.reload();
  await expect(panel(page).getByRole('button', { name: 'Import penguins.csv…' })).toBeVisible();
  await expect(node(page, 'in')).not.toContainText('[batch, 9]');
});
