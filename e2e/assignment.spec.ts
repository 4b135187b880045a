import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { expectNoViolations, freshApp, status, trainingSettings } from './app';

const lesson = JSON.parse(
  readFileSync('resources/examples/linear-regression.layerboard.json', 'utf8'),
);

// The student's side of an assignment: a teacher's lesson 1 with a goal, a parameter budget,
// the kinds allowed and locked settings. The student opens it, sees all of that, trains, meets
// the goal and hands in; `layerboard grade` then re-runs the hand-in on the CPU and agrees.
const assignment = {
  ...lesson,
  name: 'Crop yields',
  assignment: {
    title: 'Fit the crop yields',
    instructions:
      'Train lesson 1 until its loss is at most 300.\nKeep the data, the batch size and the seed.',
    goal: { metric: 'loss', atMost: 300 },
    maxParameters: 10,
    allowedKinds: ['input', 'linear', 'relu'],
    locked: ['dataset', 'batchSize', 'epochs', 'seed'],
  },
};

async function openFile(page: Page, name: string, value: unknown) {
  const chooser = page.waitForEvent('filechooser');
  await page
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'Open', exact: true })
    .click();
  await (await chooser).setFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(value)),
  });
}

test('a student opens an assignment, sees its limits, meets its goal and hands in', async ({
  page,
}) => {
  await freshApp(page);
  await openFile(page, 'fit.assignment.layerboard.json', assignment);

  const panel = page.getByRole('region', { name: /Fit the crop yields/ });
  await expect(panel).toContainText('Keep the data, the batch size and the seed.');
  await expect(panel).toContainText('Goal: loss at most 300');
  await expect(panel).toContainText('Train to see how close the model gets.');

  // The palette holds the allowed kinds only; the budget is live on the canvas.
  const palette = page.getByRole('navigation', { name: 'Layer palette' });
  await expect(palette.getByRole('button', { name: 'Linear', exact: true })).toBeVisible();
  await expect(palette.getByRole('button', { name: 'Sigmoid', exact: true })).toHaveCount(0);
  await expect(palette).toContainText('The assignment allows these layers only.');
  await expect(page.getByRole('region', { name: 'Model summary' })).toContainText(
    '8 / 10 parameters',
  );

  // Locked settings are read-only, each with its reason; the others stay free.
  const settings = await trainingSettings(page);
  await expect(settings.getByLabel('Batch size', { exact: true })).not.toBeEditable();
  await expect(settings.getByLabel('Seed', { exact: true })).not.toBeEditable();
  await expect(settings.getByLabel('Learning rate', { exact: true })).toBeEditable();
  await expect(settings).toContainText(
    'Locked by the assignment, so that every hand-in trains alike.',
  );
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await expect(page.getByRole('combobox', { name: 'Dataset', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Import dataset…' })).toHaveCount(0);

  // Handing in before training says what to do first.
  await panel.getByRole('button', { name: 'Hand in…' }).click();
  await expect(page.getByText('Not handed in yet. Train the model first')).toBeVisible();

  await page
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'Train' })
    .click();
  await expect(status(page)).toContainText('completed', { timeout: 60_000 });
  await expect(panel).toContainText('— goal met');
  await expectNoViolations(page, 'an assignment trained, its settings locked');

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Hand in…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Crop yields hand-in.layerboard.json');
  const dir = mkdtempSync(join(tmpdir(), 'layerboard-hand-in-'));
  const handInPath = join(dir, 'ana.layerboard.json');
  await file.saveAs(handInPath);
  const handIn = JSON.parse(readFileSync(handInPath, 'utf8'));
  expect(handIn.assignment.title).toBe('Fit the crop yields');
  expect(handIn.run).toMatchObject({ epochs: 100, backend: expect.any(String) });
  expect(handIn.run.history).toHaveLength(100);
  expect(handIn.run.metrics.loss).toBeLessThanOrEqual(300);
  expect(handIn.runs).toBeUndefined();

  // The teacher's command re-runs the hand-in on the CPU reference and finds what the app found.
  writeFileSync(join(dir, 'assignment.layerboard.json'), JSON.stringify(assignment));
  const graded = spawnSync(
    process.execPath,
    [
      resolve('bin/layerboard.mjs'),
      'grade',
      'assignment.layerboard.json',
      'ana.layerboard.json',
      '--json',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  expect(graded.status, graded.stderr).toBe(0);
  const [grade] = JSON.parse(graded.stdout);
  expect(grade).toMatchObject({ passed: true, parameters: 8, problems: [] });
  expect(Math.abs(grade.measured.loss - handIn.run.metrics.loss)).toBeLessThan(
    1e-4 * handIn.run.metrics.loss,
  );
});
