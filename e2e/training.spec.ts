import { expect, type Page, test } from '@playwright/test';
import {
  control,
  freshApp as openApp,
  plantsClassification,
  setSetting as setField,
  status,
  statusLoss,
} from './app';

/** The app with nothing remembered, on its Training tab. */
async function freshApp(page: Page) {
  await openApp(page);
  await page.getByRole('tab', { name: 'Training' }).click();
}

test('lesson 1 trains 100 epochs through the UI, with the loss below 1,000', async ({ page }) => {
  await freshApp(page);
  await control(page, 'Train').click();
  await expect(status(page)).toContainText('epoch 100/100', { timeout: 60_000 });
  await expect(status(page)).toContainText('completed');
  expect(await statusLoss(page)).toBeLessThan(1000);
  await expect(page.getByRole('img', { name: 'Loss chart' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Predictions against targets' })).toBeVisible();
  await expect(page.getByText(/Training on (WebGPU|the CPU)/)).toBeVisible();
  // The Metrics tab lists every epoch.
  await page.getByRole('tab', { name: 'Metrics' }).click();
  await expect(page.getByRole('table', { name: 'Epoch by epoch' }).getByRole('row')).toHaveCount(
    101,
  );
});

test('Fashion-MNIST softmax regression trains one epoch; the confusion matrix counts the 10,000 test images', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await freshApp(page);
  await page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'New' }).click();
  await page.getByRole('button', { name: /Softmax regression/ }).click();
  await page.getByRole('tab', { name: 'Training' }).click();
  await setField(page, 'Epochs', '1');
  await control(page, 'Train').click();
  await expect(page.getByRole('img', { name: 'Loss chart' })).toBeVisible({ timeout: 60_000 });
  await expect(status(page)).toContainText('epoch 1/1', { timeout: 200_000 });
  const matrix = page.getByRole('img', { name: 'Confusion matrix' });
  await expect(matrix).toBeVisible();
  await page.getByText('The counts as a table (each opens its samples)').click();
  const counts = page.getByRole('table', { name: 'Confusion matrix counts' });
  await expect(counts.locator('tbody tr')).toHaveCount(10);
  const cells = await counts.locator('tbody td').allInnerTexts();
  expect(cells).toHaveLength(100);
  expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(10_000);
  await expect(page.getByRole('img', { name: 'Accuracy chart' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Weight pictures' }).getByRole('img')).toHaveCount(
    10,
  );
  await expect(page.getByRole('region', { name: 'Predictions gallery' })).toBeVisible();

  // A cell opens its test images with their probabilities.
  const box = (await matrix.boundingBox())!;
  // The heatmap's grid: left 86, right 8, top 8, bottom 58; row 0 = T-shirt, column 6 = Shirt.
  const cellWidth = (box.width - 94) / 10;
  const cellHeight = (box.height - 66) / 10;
  await page.mouse.click(box.x + 86 + cellWidth * 6.5, box.y + 8 + cellHeight * 0.5);
  const samples = page.getByRole('region', { name: 'Samples of the cell' });
  await expect(samples).toContainText('True T-shirt/top, predicted Shirt');
  await expect(samples.getByRole('img').first()).toBeVisible();
});

test('pause, resume, stop and step', async ({ page }) => {
  await freshApp(page);
  await setField(page, 'Epochs', '100000');
  await control(page, 'Step').click();
  const step = page.getByRole('region', { name: 'Step details' });
  await expect(step).toContainText('Step: batch 1/1 of epoch 1');
  await expect(step.getByRole('table', { name: 'X, 5 by 3' })).toContainText('73');
  await expect(step.getByRole('table', { name: '-lr * dL/dW, 2 by 3' })).toBeVisible();
  await expect(status(page)).toContainText('paused');
  await control(page, 'Step').click();
  await expect(step).toContainText('of epoch 2');

  await control(page, 'Resume').click();
  await expect(control(page, 'Pause')).toBeEnabled();
  await expect(status(page)).toContainText(/epoch \d{2,}\//);
  await control(page, 'Pause').click();
  await expect(status(page)).toContainText('paused');
  // The batches already under way when the pause came still report; then nothing moves.
  await page.waitForTimeout(400);
  const paused = await status(page).innerText();
  await page.waitForTimeout(600);
  expect(await status(page).innerText()).toBe(paused);
  await control(page, 'Resume').click();
  await expect(status(page)).not.toContainText('paused');
  await control(page, 'Stop').click();
  await expect(status(page)).toContainText('stopped');
  // A stopped run's weights are kept: Train goes on from them, Reset weights starts over.
  const continued = page
    .getByRole('toolbar', { name: 'Training controls' })
    .getByRole('button', { name: /^Continue from epoch \d+$/ });
  await expect(continued).toBeEnabled();
  await page.getByRole('button', { name: 'Reset weights' }).click();
  await expect(control(page, 'Train')).toBeEnabled();
});

test('Step shows any Linear layer of the MLP, with its own input, output and shapes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await freshApp(page);
  await page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'New' }).click();
  await page.getByRole('button', { name: /MLP/ }).click();
  await page.getByRole('tab', { name: 'Training' }).click();
  await control(page, 'Step').click();
  const step = page.getByRole('region', { name: 'Step details' });
  await expect(step).toContainText('Step: batch 1/', { timeout: 150_000 });
  const layer = step.getByLabel('Layer');
  await expect(layer).toHaveValue('fc1');
  await expect(layer.getByRole('option')).toHaveText([
    'fc1 (1 of 3)',
    'fc2 (2 of 3)',
    'fc3 (3 of 3)',
  ]);
  await expect(step).toContainText('z = X @ W.T + b');
  await expect(step.getByRole('table', { name: 'z, 128 by 256' })).toBeVisible();
  // The pixels shown are the ones where the batch varies: no row of X is all background.
  const x = step.getByRole('table', { name: 'X, 128 by 784' });
  for (const row of await x.locator('tbody tr').all()) {
    const cells = (await row.locator('td').allInnerTexts()).filter((t) => /\d/.test(t));
    if (cells.length > 0) expect(new Set(cells).size).toBeGreaterThan(1);
  }
  await expect(step).toContainText(/Columns shown: the 6 of 784 pixels/);

  await layer.selectOption('fc2');
  await expect(step).toContainText('z = h1 @ W.T + b');
  await expect(step).toContainText('h1 is what fc2 received: the output of relu1');
  await expect(step.getByRole('table', { name: 'h1, 128 by 256' })).toBeVisible();
  await expect(step.getByRole('table', { name: 'W, 128 by 256', exact: true })).toBeVisible();
  await expect(step.getByRole('table', { name: 'z, 128 by 128' })).toBeVisible();
  const output = step.getByRole('region', { name: 'Network output' });
  await expect(output.getByRole('table', { name: 'preds, 128 by 10' })).toBeVisible();

  await layer.selectOption('fc3');
  await expect(step).toContainText('preds = h2 @ W.T + b');
  await expect(step.getByRole('table', { name: 'preds, 128 by 10' })).toBeVisible();
  await expect(step.getByRole('table', { name: 'targets, 128 by 1' })).toBeVisible();
  await expect(output).toHaveCount(0);
});

test('a too-high learning rate makes the doctor stop training and offer the fix', async ({
  page,
}) => {
  await freshApp(page);
  await setField(page, 'Learning rate', '0.01');
  await control(page, 'Train').click();
  const doctor = page.getByRole('region', { name: 'Divergence doctor' });
  await expect(doctor).toContainText('diverged', { timeout: 30_000 });
  await expect(status(page)).toContainText('diverged');
  // Within the first epochs, before the weights overflow; the raw inputs are large.
  await expect(doctor).toContainText('the loss grew from 5070.7676');
  await expect(doctor).toContainText('temp_f averages 84.4 and spreads 12.1');
  await expect(doctor.getByRole('button', { name: 'Standardize the inputs' })).toBeVisible();
  // The rate offered worked on a copy of the model, found in one go (not 0.001, then 0.0001).
  await doctor.getByRole('button', { name: 'Use learning rate 0.0001' }).click();
  await expect(doctor).toHaveCount(0);
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.0001');
  await control(page, 'Train').click();
  await expect(status(page)).toContainText('completed', { timeout: 60_000 });
});

test('a table classification shows its samples by column name, in plain numbers', async ({
  page,
}) => {
  await freshApp(page);
  // Standardised and back: a 0 of the file must read 0, not 9e-8.
  await plantsClassification(page);
  await setField(page, 'Epochs', '5');
  await control(page, 'Train').click();
  await expect(status(page)).toContainText('completed', { timeout: 60_000 });
  const gallery = page.getByRole('region', { name: 'Predictions gallery' });
  const first = gallery.getByRole('listitem').first();
  await expect(first.getByRole('term')).toHaveText(['height_cm', 'width_cm', 'spots']);
  await expect(first.getByRole('definition')).toHaveText(['12.5', '3.1', '0']);
  await expect(gallery).not.toContainText('e-');
  await expect(gallery).not.toContainText('99999');
});
