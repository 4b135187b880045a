import { expect, type Page, test } from '@playwright/test';
import { control, freshApp, setSetting, status, trainingSettings } from './app';

/** The Metrics tab's learning-rate column ("lr"), epoch by epoch. */
async function ratesByEpoch(page: Page): Promise<string[]> {
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const table = page.getByRole('table', { name: 'Epoch by epoch' });
  const headers = await table.getByRole('columnheader').allInnerTexts();
  const column = headers.indexOf('lr');
  expect(column).toBeGreaterThan(0);
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map((row) => row.getByRole('cell').nth(column).innerText()));
}

test('a Step schedule halves the rate every 2 epochs of lesson 1', async ({ page }) => {
  await freshApp(page);
  const settings = await trainingSettings(page);
  await setSetting(page, 'Epochs', '5');
  await settings.getByLabel('Learning-rate schedule').selectOption('step');
  await expect(settings.getByText(/Multiplies the rate by gamma/)).toBeVisible();
  await setSetting(page, 'Step size', '2');
  await setSetting(page, 'Gamma', '0.5');
  await control(page, 'Train').click();
  await expect(status(page)).toContainText('epoch 5/5', { timeout: 60_000 });
  // The lesson's rate 1e-5 for epochs 1 and 2, half of it for 3 and 4, a quarter for 5.
  await expect(status(page)).toContainText('lr 0.0000025');
  expect(await ratesByEpoch(page)).toEqual([
    '0.00001',
    '0.00001',
    '0.000005',
    '0.000005',
    '0.0000025',
  ]);
});

test('early stopping asks for a validation split, then stops where the validation loss turned', async ({
  page,
}) => {
  await freshApp(page);
  const settings = await trainingSettings(page);
  await settings.getByLabel('Early stopping').check();
  // Lesson 1 holds out no rows: early stopping would have nothing to watch.
  const problem = settings.getByRole('alert');
  await expect(problem).toContainText(
    'Early stopping watches the validation loss, and the validation split is 0',
  );
  await expect(control(page, 'Train')).toBeDisabled();
  await setSetting(page, 'Validation split', '0.2');
  await expect(problem).toHaveCount(0);
  await setSetting(page, 'Patience', '1');
  // Ten times the lesson's rate: the steps overshoot, so the validation loss (on the one row
  // held out of five) falls for two epochs and rises at the third (1115.4 then 1160.4, as
  // `layerboard train` prints for the same project), and a patience of 1 stops the run there.
  await setSetting(page, 'Learning rate', '0.0001');
  await control(page, 'Train').click();
  await expect(status(page)).toContainText('stopped early, keeping epoch 2', { timeout: 60_000 });
  // Under the status line (and said once by the screen reader's announcer).
  await expect(
    page
      .getByRole('tabpanel', { name: 'Training' })
      .getByText(
        "Stopped early at epoch 3: the validation loss had not improved for 1 epoch since epoch 2; keeping epoch 2's weights.",
      ),
  ).toBeVisible();
});
