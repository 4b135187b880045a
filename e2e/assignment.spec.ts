import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { expectNoViolations, freshApp, status, trainingSettings } from './app';
import { openAssignmentForm, saveAssignment } from './classroom';

// The classroom from end to end: a teacher makes lesson 1 an assignment (a goal, a parameter
// budget, the kinds allowed, locked settings); a student opens it in a browser of their own,
// sees all of that, trains, meets the goal and hands in; the teacher's view re-trains the hand-in
// and passes it, and so does `layerboard grade` on the command line.

/** Opens a project file through the toolbar's Open, as a person picks it. */
async function openFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'Open', exact: true })
    .click();
  await (await chooser).setFiles(path);
}

test('a teacher sets an assignment, a student meets its goal and hands in, the teacher grades it', async ({
  page: teacher,
  browser,
}) => {
  test.setTimeout(180_000);
  await freshApp(teacher);
  await openAssignmentForm(teacher);
  const assignment = await saveAssignment(teacher, {
    title: 'Fit the crop yields',
    instructions:
      'Train lesson 1 until its loss is at most 300.\nKeep the data, the batch size and the seed.',
    goal: { metric: 'loss', bound: 'atMost', value: 300 },
    budget: 10,
    forbid: ['Sigmoid', 'Tanh'],
    lock: ['Dataset', 'Batch size', 'Seed'],
  });
  expect(assignment.file.assignment).toMatchObject({
    goal: { metric: 'loss', atMost: 300 },
    maxParameters: 10,
    locked: ['dataset', 'batchSize', 'seed'],
  });

  // The student: another browser profile, nothing shared with the teacher's.
  const context = await browser.newContext();
  const student = await context.newPage();
  await freshApp(student);
  await openFile(student, assignment.path);
  const panel = student.getByRole('region', { name: /Fit the crop yields/ });
  await expect(panel).toContainText('Keep the data, the batch size and the seed.');
  await expect(panel).toContainText('Goal: loss at most 300');
  await expect(panel).toContainText('Train to see how close the model gets.');

  // The palette holds the allowed kinds only; the budget is live on the canvas.
  const palette = student.getByRole('navigation', { name: 'Layer palette' });
  await expect(palette.getByRole('button', { name: 'Linear', exact: true })).toBeVisible();
  await expect(palette.getByRole('button', { name: 'Sigmoid', exact: true })).toHaveCount(0);
  await expect(palette).toContainText('The assignment allows these layers only.');
  await expect(student.getByRole('region', { name: 'Model summary' })).toContainText(
    '8 / 10 parameters',
  );

  // Locked settings are read-only, each with its reason; the others stay free.
  const settings = await trainingSettings(student);
  await expect(settings.getByLabel('Batch size', { exact: true })).not.toBeEditable();
  await expect(settings.getByLabel('Seed', { exact: true })).not.toBeEditable();
  await expect(settings.getByLabel('Learning rate', { exact: true })).toBeEditable();
  await expect(settings).toContainText(
    'Locked by the assignment, so that every hand-in trains alike.',
  );
  await student.getByRole('tab', { name: 'Dataset' }).click();
  await expect(student.getByRole('combobox', { name: 'Dataset', exact: true })).toBeDisabled();
  await expect(student.getByRole('button', { name: 'Import dataset…' })).toHaveCount(0);

  // Handing in before training says what to do first.
  await panel.getByRole('button', { name: 'Hand in…' }).click();
  await expect(student.getByText('Not handed in yet. Train the model first')).toBeVisible();

  await student
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'Train' })
    .click();
  await expect(status(student)).toContainText('completed', { timeout: 60_000 });
  await expect(panel).toContainText('— goal met');
  await expectNoViolations(student, 'an assignment trained, its settings locked');

  const downloading = student.waitForEvent('download');
  await panel.getByRole('button', { name: 'Hand in…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Fit the crop yields hand-in.layerboard.json');
  const dir = mkdtempSync(join(tmpdir(), 'layerboard-hand-in-'));
  const handInPath = join(dir, 'ana.layerboard.json');
  await download.saveAs(handInPath);
  await context.close();
  const handIn = JSON.parse(readFileSync(handInPath, 'utf8'));
  expect(handIn.assignment.title).toBe('Fit the crop yields');
  expect(handIn.run).toMatchObject({ epochs: 100, backend: expect.any(String) });
  expect(handIn.run.history).toHaveLength(100);
  expect(handIn.run.metrics.loss).toBeLessThanOrEqual(300);
  expect(handIn.runs).toBeUndefined();

  // The teacher's view re-trains the hand-in on the CPU reference and passes it.
  await teacher.getByRole('button', { name: 'Classroom' }).click();
  await teacher.getByRole('button', { name: 'Grade hand-ins…' }).click();
  const view = teacher.getByRole('dialog', { name: 'Grade hand-ins' });
  await expect(view.getByText(/\(the open project\)/)).toBeVisible();
  const choosing = teacher.waitForEvent('filechooser');
  await view.getByRole('button', { name: 'Choose hand-ins…' }).click();
  await (await choosing).setFiles(handInPath);
  await expect(view.getByRole('status')).toHaveText('1 of 1 passed', { timeout: 60_000 });
  const row = view.getByRole('table').getByRole('row').filter({ hasText: 'ana.layerboard.json' });
  await expect(row).toContainText('✓ passed');

  // So does the command line: what the app's WebGPU run claims, the CPU re-run measures.
  copyFileSync(assignment.path, join(dir, 'assignment.layerboard.json'));
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
