import { expect, type Page, test } from '@playwright/test';
import { control, expectNoViolations, freshApp, node, setSetting, trainingSettings } from './app';

const runsTab = (page: Page) => page.getByRole('tab', { name: 'Runs' });
const overlay = (page: Page, n: number) =>
  page.getByRole('checkbox', { name: `Overlay run ${n}`, exact: true });

/** Trains (or continues) once, and waits until the run has ended and is kept as run `n`. */
async function trainRun(page: Page, n: number, timeout = 60_000) {
  await page.getByRole('tab', { name: 'Training' }).click();
  await control(page, /^(Train|Train from the start|Continue from epoch \d+)$/).click();
  await runsTab(page).click();
  await expect(overlay(page, n)).toBeVisible({ timeout });
}

test('Runs: train twice with different settings, overlay the runs, read the diff, restore the first', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await freshApp(page);
  await runsTab(page).click();
  await expect(page.getByRole('region', { name: 'Runs' })).toContainText('No runs yet.');

  // The MLP lesson, one epoch.
  await page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'New' }).click();
  await page.getByRole('button', { name: /MLP/ }).click();
  await setSetting(page, 'Epochs', '1');
  await trainRun(page, 1, 240_000);

  // A lower learning rate and a narrower first layer.
  await setSetting(page, 'Learning rate', '0.0005');
  await node(page, 'fc1').click();
  const width = page.getByRole('region', { name: 'Inspector' }).getByLabel('Out features');
  await width.fill('128');
  await width.press('Enter');
  await trainRun(page, 2, 240_000);

  // Both runs overlaid, each a line of the chart.
  await overlay(page, 1).check();
  await overlay(page, 2).check();
  const chart = page.getByRole('img', { name: 'Runs chart' });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute(
    'aria-description',
    /^Run 1: loss \S+ at epoch 1; Run 2: loss/,
  );
  await page.getByText('The curves as a table').click();
  await expect(
    page.getByRole('table', { name: /loss by epoch/ }).getByRole('columnheader'),
  ).toHaveText(['epoch', 'Run 1', 'Run 2']);

  // The comparison, in words: the latest two runs by default.
  const changes = page.getByRole('list', { name: 'Changes from run 1 to run 2' });
  await expect(changes.getByRole('listitem')).toHaveText([
    'Linear fc1 256 -> 128',
    'lr 0.001 -> 0.0005',
  ]);
  await expect(page.getByLabel('Compare run')).toHaveValue('1');
  await expect(page.getByLabel('with run')).toHaveValue('2');
  await expectNoViolations(page, 'the Runs tab with two runs overlaid');

  // Back to run 1's settings: the layer's width (one undoable edit) and the learning rate.
  await page.getByRole('button', { name: 'Restore settings of run 1' }).click();
  await expect(
    page.getByText("Restored run 1's settings: Linear fc1 128 -> 256, lr 0.0005 -> 0.001.").first(),
  ).toBeVisible();
  await expect(node(page, 'fc1')).toContainText('256 outputs');
  await page.keyboard.press('Control+z');
  await expect(node(page, 'fc1')).toContainText('128 outputs');
  await page.keyboard.press('Control+y');
  await expect(node(page, 'fc1')).toContainText('256 outputs');
  const settings = await trainingSettings(page);
  await expect(settings.getByLabel('Learning rate', { exact: true })).toHaveValue('0.001');

  // The runs are kept through a reload (autosave).
  await page.waitForTimeout(500);
  await page.reload();
  await runsTab(page).click();
  await expect(overlay(page, 1)).toBeVisible();
  await expect(overlay(page, 2)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Changes from run 1 to run 2' })).toContainText(
    'lr 0.001 -> 0.0005',
  );
});

test('Runs: a continued run is a run of its own; six overlaid at most; a run forgotten', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await freshApp(page);
  await setSetting(page, 'Epochs', '2');
  for (let n = 1; n <= 7; n++) await trainRun(page, n);
  // Run 2 continued run 1's weights: its epochs count on.
  const run2 = page.getByRole('listitem').filter({ has: overlay(page, 2) });
  await expect(run2).toContainText('epochs 3–4');
  await expect(page.getByRole('list', { name: /Changes/ })).toHaveCount(0);
  await expect(page.getByText('From run 6 to run 7: same graph and settings.')).toBeVisible();
  await expect(page.getByText("Run 7 continued from epoch 12's weights.")).toBeVisible();

  for (let n = 1; n <= 6; n++) await overlay(page, n).check();
  await expect(overlay(page, 7)).toBeDisabled();
  await expect(overlay(page, 7)).toHaveAccessibleDescription(/6 runs are overlaid/);
  await overlay(page, 3).uncheck();
  await overlay(page, 7).check();
  await expect(page.getByRole('img', { name: 'Runs chart' })).toHaveAttribute(
    'aria-description',
    /Run 7: loss/,
  );

  // Forgetting a run frees its colour; the others keep their numbers.
  await page.getByRole('button', { name: 'Forget run 7' }).click();
  await expect(overlay(page, 7)).toHaveCount(0);
  await expect(overlay(page, 3)).toBeEnabled();
  await page.getByRole('button', { name: 'Forget run 1' }).click();
  await expect(overlay(page, 1)).toHaveCount(0);
  await expect(overlay(page, 2)).toBeChecked();
  await expect(page.getByRole('img', { name: 'Runs chart' })).toHaveAttribute(
    'aria-description',
    /^Run 2: loss \S+ at epoch 4; Run 4/,
  );
  await expectNoViolations(page, 'the Runs tab with five runs overlaid');
});
