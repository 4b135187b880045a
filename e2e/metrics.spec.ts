import { expect, type Page, test } from '@playwright/test';
import {
  control,
  expectNoViolations,
  freshApp,
  plantsClassification,
  setSetting,
  status,
} from './app';

// The Metrics tab's grades after a short run: R², MAE and RMSE per target with the residual plot
// (regression), per-class precision, recall and F1 with the confusion matrix of any epoch
// (classification).

/** Opens the Metrics tab once the run has completed. */
async function metricsAfterRun(page: Page) {
  await expect(status(page)).toContainText('completed', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Metrics' }).click();
}

test('a regression lesson shows R², MAE and RMSE per target, and its residual plot', async ({
  page,
}) => {
  await freshApp(page);
  await setSetting(page, 'Epochs', '20');
  await control(page, 'Train').click();
  await metricsAfterRun(page);
  const grades = page.getByRole('table', { name: 'Per target, epoch 20, training split' });
  await expect(grades.getByRole('columnheader')).toHaveText(['target', 'R²', 'MAE', 'RMSE']);
  await expect(grades.getByRole('rowheader')).toHaveText(['apples_ton', 'oranges_ton']);
  for (const target of ['apples_ton', 'oranges_ton']) {
    const cells = grades.getByRole('row', { name: new RegExp(`^${target}`) }).getByRole('cell');
    await expect(cells).toHaveText([/^-?\d+\.\d{4}$/, /^\d+\.\d{4}$/, /^\d+\.\d{4}$/]);
  }
  const residuals = page.getByRole('img', { name: 'Residual plot' });
  await expect(residuals).toBeVisible();
  await expect(residuals.locator('canvas')).toHaveCount(1);
  // Its points as a table: each prediction and its residual, per target.
  await page.getByText('The residuals as a table').click();
  const points = page.getByRole('table', { name: /prediction and residual/ });
  await expect(points.locator('tbody tr')).toHaveCount(5);
  await expectNoViolations(page, "the Metrics tab of a regression, its residuals' table open");
});

test('a classification shows per-class F1 and the confusion matrix of any epoch, chosen with a slider', async ({
  page,
}) => {
  await freshApp(page);
  await plantsClassification(page);
  await setSetting(page, 'Epochs', '6');
  await control(page, 'Train').click();
  await metricsAfterRun(page);

  const latest = page.getByRole('table', { name: 'Per class, epoch 6, training split' });
  await expect(latest.getByRole('columnheader')).toHaveText([
    'class',
    'precision',
    'recall',
    'F1',
    'support',
  ]);
  await expect(latest.getByRole('rowheader')).toHaveText(['fern', 'moss', 'macro average']);
  const fern = latest.getByRole('row', { name: /^fern/ }).getByRole('cell');
  await expect(fern).toHaveText([/^\d+\.\d%$/, /^\d+\.\d%$/, /^\d+\.\d%$/, '5']);
  const macro = latest.getByRole('row', { name: /^macro average/ }).getByRole('cell');
  await expect(macro.last()).toHaveText('10');

  // The slider shows the latest epoch; the keys move it to any other.
  const slider = page.getByRole('slider', { name: 'Epoch' });
  await expect(slider).toHaveAttribute('aria-valuetext', 'epoch 6, the latest');
  const matrix = page.getByRole('img', { name: 'Confusion matrix' });
  await expect(matrix).toHaveAttribute('aria-description', /^10 training samples/);
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuetext', 'epoch 1');
  await expect(
    page.getByRole('table', { name: 'Per class, epoch 1, training split' }),
  ).toBeVisible();
  await expect(matrix).toHaveAttribute('aria-description', /^Epoch 1: 10 training samples/);
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', 'epoch 2');
  await page.getByText('The counts as a table', { exact: true }).click();
  const counts = page.getByRole('table', { name: 'Confusion matrix counts' });
  const cells = (await counts.locator('tbody td').allInnerTexts()).map(Number);
  expect(cells.reduce((a, b) => a + b, 0)).toBe(10);
  await expectNoViolations(page, 'the Metrics tab of a classification at a past epoch');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', 'epoch 6, the latest');
});
