import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectNoViolations, freshApp, status, statusLoss } from './app';
import { openAssignmentForm, saveAssignment } from './classroom';

/** A hand-in file as the file chooser hands it over. */
const handIn = (name: string, project: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(project)),
});

/** A student's claim: what their own run measured. */
const claim = (loss: number, epochs: number) => ({
  metrics: { loss },
  epochs,
  backend: 'webgpu',
  at: '2026-12-06T10:00:00.000Z',
  app: '0.1.0',
  history: [{ epoch: epochs, loss }],
});

test('a teacher saves an assignment, then grades two hand-ins against it', async ({ page }) => {
  test.setTimeout(150_000);
  await freshApp(page);
  // The lesson trained as a student would: its final loss is an honest hand-in's claim.
  await page
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'Train' })
    .click();
  await expect(status(page)).toContainText('epoch 100/100', { timeout: 60_000 });
  await expect(status(page)).toContainText('completed');
  const loss = await statusLoss(page);
  expect(Number.isFinite(loss)).toBe(true);

  // A title is required: the form says so beside the field, and takes the focus there.
  const dialog = await openAssignmentForm(page);
  await dialog.getByLabel('Title').fill('');
  await dialog.getByRole('button', { name: 'Save assignment…' }).click();
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await expect(dialog.getByText(/Give the assignment a title/)).toBeVisible();
  await expect(dialog.getByText('The model now has 8 parameters.')).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'Input (always)' })).toBeDisabled();
  await expectNoViolations(page, 'Save as assignment');
  const saved = await saveAssignment(page, {
    title: 'Fit the crops',
    instructions: 'Keep it linear.\nNo sigmoids.',
    goal: { metric: 'loss', bound: 'atMost', value: Number((loss * 2).toPrecision(3)) },
    budget: 8,
    forbid: ['Sigmoid'],
    lock: ['Number of epochs', 'Dataset'],
  });
  expect(saved.name).toBe('Fit the crops.assignment.layerboard.json');
  const lesson = saved.file;
  const kinds = lesson.assignment.allowedKinds as string[];
  expect(lesson.assignment).toMatchObject({
    title: 'Fit the crops',
    instructions: 'Keep it linear.\nNo sigmoids.',
    goal: { metric: 'loss', atMost: Number((loss * 2).toPrecision(3)) },
    maxParameters: 8,
    locked: ['dataset', 'epochs'],
  });
  expect(kinds).toContain('input');
  expect(kinds).not.toContain('sigmoid');
  expect(lesson.runs).toBeUndefined();

  // One honest hand-in; one that grew past the budget, uses a Sigmoid, trains 50 epochs and
  // claims a loss it never reached.
  const honest = { ...lesson, run: claim(loss, 100) };
  const bigger = structuredClone(lesson);
  const fc1 = bigger.graph.nodes.find((n: { id: string }) => n.id === 'fc1');
  fc1.params = { ...fc1.params, outFeatures: 4 };
  bigger.graph.nodes.push(
    { id: 'act', kind: 'sigmoid', position: { x: 0, y: 260 } },
    { id: 'fc2', kind: 'linear', params: { outFeatures: 2 }, position: { x: 0, y: 360 } },
  );
  bigger.graph.edges.push({ source: 'fc1', target: 'act' }, { source: 'act', target: 'fc2' });
  bigger.training.epochs = 50;
  // Its own layers start from the seeded initialisation, not the lesson's initial weights.
  delete bigger.weights;
  bigger.run = claim(0.001, 50);

  await page.getByRole('button', { name: 'Classroom' }).click();
  await page.getByRole('button', { name: 'Grade hand-ins…' }).click();
  const view = page.getByRole('dialog', { name: 'Grade hand-ins' });
  await expect(view.getByText('Fit the crops', { exact: true })).toBeVisible();
  await expect(view.getByText(/\(the open project\)/)).toBeVisible();
  const choosing = page.waitForEvent('filechooser');
  await view.getByRole('button', { name: 'Choose hand-ins…' }).click();
  const chooser = await choosing;
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles([
    handIn('ana.layerboard.json', honest),
    handIn('ben.layerboard.json', bigger),
    handIn('notes.txt', 'not a project'),
  ]);

  const table = view.getByRole('table');
  const row = (file: string) => table.getByRole('row').filter({ hasText: file });
  await expect(view.getByRole('status')).toHaveText('1 of 3 passed', { timeout: 60_000 });
  await expect(row('ana.layerboard.json')).toContainText('✓ passed');
  await expect(row('ana.layerboard.json')).toContainText('8');
  await expect(row('ben.layerboard.json')).toContainText('✗ failed');
  const problems = row('ben.layerboard.json').getByRole('listitem');
  await expect(problems).toContainText([
    '26 parameters, the assignment allows 8',
    'uses Sigmoid, not allowed',
    "the number of epochs was changed to 50 (the assignment's is 100)",
    /claims loss 0.001, the re-run gives/,
  ]);
  await expect(row('notes.txt')).toContainText(/cannot be read/);
  await expect(
    view.getByRole('img', { name: /Loss per epoch of ana.layerboard.json, ben.layerboard.json/ }),
  ).toBeVisible();

  // A student's model, read-only, from the keyboard.
  await view.getByRole('button', { name: 'ben.layerboard.json' }).focus();
  await page.keyboard.press('Enter');
  const model = view.getByRole('region', { name: 'ben.layerboard.json: model and settings' });
  await expect(model).toContainText('Sigmoid act');
  await expectNoViolations(page, 'teacher view');
  await expect(model.locator('.react-flow__node')).toHaveCount(4);
  await expect(model.getByRole('definition')).toContainText(['Crop yields']);
  await view.getByRole('button', { name: 'ana.layerboard.json' }).click();
  await expect(
    view.getByRole('region', { name: 'ana.layerboard.json: model and settings' }),
  ).toContainText('Linear fc1');

  const downloading = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Export gradebook' }).click();
  const gradebook = await downloading;
  expect(gradebook.suggestedFilename()).toBe('Fit the crops gradebook.csv');
  const lines = (await readFile((await gradebook.path())!, 'utf8')).split('\r\n');
  expect(lines[0]).toBe(
    'file,passed,parameters,claimed_loss,measured_loss,claimed_valLoss,measured_valLoss,claimed_accuracy,measured_accuracy,problems',
  );
  expect(lines[1]).toMatch(/^ana\.layerboard\.json,true,8,/);
  expect(lines[2]).toMatch(
    /^ben\.layerboard\.json,false,26,0\.001,.*26 parameters, the assignment allows 8; uses Sigmoid/,
  );

  // An assignment file instead of the open project's; a plain project is refused with a reason.
  const refusing = page.waitForEvent('filechooser');
  await view.getByRole('button', { name: 'Choose assignment file…' }).click();
  const { assignment: _, ...plain } = lesson;
  await (await refusing).setFiles(handIn('plain.layerboard.json', plain));
  await expect(view.getByRole('alert')).toContainText(
    'plain.layerboard.json is a project without an assignment',
  );
  const taking = page.waitForEvent('filechooser');
  await view.getByRole('button', { name: 'Choose assignment file…' }).click();
  await (await taking).setFiles(handIn('week3.assignment.layerboard.json', lesson));
  await expect(view.getByText('(week3.assignment.layerboard.json)')).toBeVisible();
  await view.getByRole('button', { name: "Use the open project's" }).click();
  await expect(view.getByText('(the open project)')).toBeVisible();

  await view.getByRole('button', { name: 'Close' }).click();
  await expect(view).toBeHidden();
});
