import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

// What the classroom e2e tests do as a teacher would, written once.

export interface AssignmentForm {
  readonly title: string;
  readonly instructions: string;
  readonly goal: {
    readonly metric: string;
    readonly bound: 'atMost' | 'atLeast';
    readonly value: number;
  };
  readonly budget?: number;
  /** Kinds to leave out, by their palette label. */
  readonly forbid?: readonly string[];
  /** Settings to lock, by the form's labels. */
  readonly lock?: readonly string[];
}

/** Opens Classroom > Save as assignment… on the open project. */
export async function openAssignmentForm(page: Page) {
  await page.getByRole('button', { name: 'Classroom' }).click();
  await page.getByRole('button', { name: 'Save as assignment…' }).click();
  return page.getByRole('dialog', { name: 'Save as assignment' });
}

/** Fills the open assignment form and saves it; resolves with the downloaded assignment file. */
export async function saveAssignment(page: Page, form: AssignmentForm) {
  const dialog = page.getByRole('dialog', { name: 'Save as assignment' });
  await dialog.getByLabel('Title').fill(form.title);
  await dialog.getByLabel('Instructions').fill(form.instructions);
  await dialog.getByLabel('Metric').selectOption(form.goal.metric);
  await dialog.getByLabel('Must be').selectOption(form.goal.bound);
  await dialog.getByLabel('Value').fill(String(form.goal.value));
  if (form.budget !== undefined) {
    await dialog.getByLabel('Parameter budget (optional)').fill(String(form.budget));
  }
  for (const kind of form.forbid ?? [])
    await dialog.getByRole('checkbox', { name: kind }).uncheck();
  for (const setting of form.lock ?? []) {
    await dialog.getByRole('checkbox', { name: setting }).check();
  }
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save assignment…' }).click();
  const download = await downloading;
  await expect(dialog).toBeHidden();
  return {
    name: download.suggestedFilename(),
    path: (await download.path())!,
    file: JSON.parse(await readFile((await download.path())!, 'utf8')),
  };
}
