import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

// What the e2e tests do to the app as a person would, written once: open it fresh, read the
// training status, set a training setting, and ask axe-core what is wrong.

export const status = (page: Page) => page.getByRole('status', { name: 'Training status' });

/** A button of the Training tab's own controls (the header has a Train button too). */
export const control = (page: Page, name: string | RegExp) =>
  page
    .getByRole('toolbar', { name: 'Training controls' })
    .getByRole('button', { name, exact: typeof name === 'string' });

export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** The app with nothing remembered; replacing a changed project asks first, and the tests say yes. */
export async function freshApp(page: Page) {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/');
  await page.evaluate('localStorage.clear()');
  await page.reload();
}

/** The Training tab's settings form, its fold opened (a run folds it away). */
export async function trainingSettings(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Training' }).click();
  await expect(status(page)).toBeVisible();
  const settings = page.getByRole('form', { name: 'Training settings' });
  if (!(await settings.isVisible())) await page.getByText('Settings', { exact: true }).click();
  await expect(settings).toBeVisible();
  return settings;
}

/** Sets a training setting by its label, committing it as a person does: Enter. */
export async function setSetting(page: Page, label: string, value: string) {
  const field = (await trainingSettings(page)).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

/** The loss in a status line `epoch 12/100 loss 0.4321 ...`. */
export async function statusLoss(page: Page): Promise<number> {
  const match = /loss (\S+)/.exec(await status(page).innerText());
  return Number(match?.[1]);
}

/** axe-core's violations of every impact, each with where it is, for a readable failure. */
export async function expectNoViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(found, `axe-core in state "${state}"`).toEqual([]);
}

/** The graph editor's canvas. */
export const canvas = (page: Page) => page.getByRole('main', { name: 'Model graph' });

/** Drags a palette button onto the canvas at (x, y) relative to the canvas, as a person does. */
export async function dragLayer(page: Page, name: string, x: number, y: number) {
  await page
    .getByRole('navigation', { name: 'Layer palette' })
    .getByRole('button', { name, exact: true })
    .dragTo(canvas(page), { targetPosition: { x, y } });
}

/** Draws a wire from one node's output handle to another's input handle. */
export async function wire(page: Page, from: string, to: string) {
  const centre = async (handle: string, id: string) => {
    const box = (await node(page, id).locator(`.react-flow__handle.${handle}`).boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const start = await centre('source', from);
  const end = await centre('target', to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

/**
 * The plants table (e2e/fixtures/plants.csv) imported as a classification, trained with
 * cross-entropy on standardised features; the Training tab's settings left open.
 */
export async function plantsClassification(page: Page) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('tab', { name: 'Dataset' }).click();
  await page.getByRole('button', { name: 'Import dataset…' }).click();
  await (await chooser).setFiles('e2e/fixtures/plants.csv');
  await page.getByRole('combobox', { name: 'Task' }).selectOption('classification');
  await page.getByRole('button', { name: 'Use this data' }).click();
  const settings = await trainingSettings(page);
  await settings.getByLabel('Loss', { exact: true }).selectOption('cross-entropy');
  await settings.getByLabel('Normalize', { exact: true }).selectOption('standardize');
}
