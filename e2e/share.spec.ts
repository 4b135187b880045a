import { expect, type Page, test } from '@playwright/test';
import {
  control,
  dragLayer,
  expectNoViolations,
  freshApp,
  node,
  setSetting,
  status,
  trainingSettings,
} from './app';

/** The Classroom menu's Copy share link, the menu opened. */
async function shareButton(page: Page) {
  const menu = page.getByRole('button', { name: 'Classroom' });
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  return page.getByRole('button', { name: 'Copy share link', exact: true });
}
const projectName = (page: Page) => page.getByRole('textbox', { name: 'Project name' });
/** A toast as it shows (the live region says the same words, hidden). */
const notice = (page: Page, text: string | RegExp) =>
  page.locator('.notice').filter({ hasText: text });

/** A teacher's lesson: the starter renamed, 42 epochs, and a ReLU after its Linear layer. */
async function editLesson(page: Page) {
  await freshApp(page);
  await page.getByRole('button', { name: 'Got it' }).click();
  await projectName(page).fill('Week 3: <b>crop</b> "yields"');
  await setSetting(page, 'Epochs', '42');
  await node(page, 'fc1').click();
  await dragLayer(page, 'ReLU', 400, 420);
  await expect(node(page, 'relu1')).toBeVisible();
  await expect(page.getByTestId('shape-fc1->relu1')).toBeVisible();
}

test('a shared link opens the same project in a fresh browser profile, once', async ({
  browser,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await editLesson(page);
  await (await shareButton(page)).click();
  await expect(
    notice(page, /^Copied a link that opens "Week 3: <b>crop<\/b> "yields""/),
  ).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#project=[A-Za-z0-9_-]+$/);
  // The teacher's own page is left as it was.
  expect(page.url()).not.toContain('#');

  // A student: another profile, nothing stored, nothing shared with the teacher's but the link.
  const student = await browser.newContext();
  const tab = await student.newPage();
  await tab.goto(link);
  // The name is shown as text, never as markup.
  await expect(projectName(tab)).toHaveValue('Week 3: <b>crop</b> "yields"');
  await expect(node(tab, 'relu1')).toBeVisible();
  await expect(tab.getByTestId('shape-fc1->relu1')).toBeVisible();
  await expect((await trainingSettings(tab)).getByLabel('Epochs', { exact: true })).toHaveValue(
    '42',
  );
  await expect(
    notice(tab, 'Opened "Week 3: <b>crop</b> "yields"" from a shared link.'),
  ).toBeVisible();
  // The link is used up: the address bar has none, and a reload keeps the student's edits.
  await expect(tab).toHaveURL(/\/$/);
  await setSetting(tab, 'Epochs', '7');
  await tab.waitForTimeout(500); // the autosave's delay
  await tab.reload();
  await expect(projectName(tab)).toHaveValue('Week 3: <b>crop</b> "yields"');
  await expect((await trainingSettings(tab)).getByLabel('Epochs', { exact: true })).toHaveValue(
    '7',
  );

  // The same link pasted into the open tab opens it again, after asking about the edits.
  let asked = '';
  tab.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await tab.evaluate((href) => {
    window.location.href = href;
  }, link);
  await expect((await trainingSettings(tab)).getByLabel('Epochs', { exact: true })).toHaveValue(
    '42',
  );
  expect(asked).toMatch(/^Replace "Week 3: <b>crop<\/b> "yields""\? Its unsaved changes/);
  await expect(tab).toHaveURL(/\/$/);
  await student.close();
});

test('a bad link says why, and leaves the open project as it was', async ({ page }) => {
  await freshApp(page);
  await projectName(page).fill('My own work');
  await page.waitForTimeout(500); // the autosave's delay
  // A crafted link whose project has no graph, named with markup: refused, nothing shown as HTML.
  await page.goto(
    '/#project=q1ZKyy_KTSxRslLKSaxMLUrKTyxK0S8oys9KTS5R0lEqSy0qzszPU7Iy1FHKS8xNBaqzKU4uyiwosUvMSS0q0TDUtNGHCijVAgA',
  );
  await expect(page.getByRole('alert')).toHaveText(
    /^Could not open the shared link: the project in it is not valid: graph: missing: expected an object\. Your open project is unchanged\./,
  );
  await expect(projectName(page)).toHaveValue('My own work');
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();

  // A link cut short, pasted into the open tab.
  await page.evaluate(() => {
    window.location.hash = '#project=q1ZKyy_KTSxRslLKSaxMLUrKTyxK0S';
  });
  await expect(page.getByRole('alert')).toHaveText(
    /^Could not open the shared link: it is cut short or changed\. Copy the whole link again\. Your open project is unchanged\./,
  );
  await expect(projectName(page)).toHaveValue('My own work');
  await expect(page).toHaveURL(/\/$/);
});

test('where the clipboard refuses, the link is shown to copy by hand', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () =>
      Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  await editLesson(page);
  // From the keyboard: Enter opens the Classroom menu, Enter on its item copies.
  await page.getByRole('button', { name: 'Classroom' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Copy share link', exact: true }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  await expect(dialog).toBeVisible();
  const field = dialog.getByRole('textbox', { name: 'Link to "Week 3: <b>crop</b> "yields""' });
  await expect(field).toBeFocused();
  const link = await field.inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#project=[A-Za-z0-9_-]+$/);
  expect(await field.evaluate((f: HTMLTextAreaElement) => f.selectionEnd - f.selectionStart)).toBe(
    link.length,
  );
  await expectNoViolations(page, 'share link dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Classroom' })).toBeVisible();
});

test('once a shared link is opened, the app and its lesson work offline, after a reload too', async ({
  browser,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await freshApp(page);
  await projectName(page).fill('Offline lesson');
  await setSetting(page, 'Epochs', '5');
  await (await shareButton(page)).click();
  await expect(notice(page, /^Copied a link/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  const student = await browser.newContext();
  const tab = await student.newPage();
  await tab.goto(link);
  await expect(projectName(tab)).toHaveValue('Offline lesson');
  // The service worker has kept the app's files once it serves the page.
  await tab.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await student.setOffline(true);
  await tab.reload();
  await expect(projectName(tab)).toHaveValue('Offline lesson');
  await tab.getByRole('tab', { name: 'Training' }).click();
  await control(tab, 'Train').click();
  await expect(status(tab)).toContainText('epoch 5/5', { timeout: 60_000 });
  await expect(status(tab)).toContainText('completed');
  await student.close();
});
