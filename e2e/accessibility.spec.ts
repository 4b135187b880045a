import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectNoViolations, freshApp, status, trainingSettings } from './app';

// Every student can use it: axe-core finds nothing wrong in any main state of the app, and a
// whole model is built, trained and looked into with the keyboard alone.

/** The Learning rate field, the settings fold opened. */
async function learningRate(page: Page): Promise<Locator> {
  const field = (await trainingSettings(page)).getByLabel('Learning rate', { exact: true });
  await expect(field).toBeVisible();
  return field;
}

test('axe-core finds no violation in any main state', async ({ page }) => {
  test.setTimeout(180_000);
  await freshApp(page);
  await expectNoViolations(page, 'start');
  await page.locator('.react-flow__node[data-id="fc1"]').click();
  await expectNoViolations(page, 'a node selected, the inspector open');
  for (const tab of ['Training', 'Metrics', 'Dataset']) {
    await page.getByRole('tab', { name: tab }).click();
    await expectNoViolations(page, `the ${tab} tab`);
  }

  // During a run and after it.
  await page.getByRole('tab', { name: 'Training' }).click();
  await page
    .getByRole('toolbar', { name: 'Training controls' })
    .getByRole('button', { name: 'Step' })
    .click();
  await expect(page.getByRole('region', { name: 'Step details' })).toBeVisible();
  await expectNoViolations(page, 'paused after a step');
  await page
    .getByRole('toolbar', { name: 'Training controls' })
    .getByRole('button', { name: 'Train' })
    .click();
  await expect(status(page)).toContainText('completed', { timeout: 60_000 });
  await page.getByText('The losses as a table').click();
  await expectNoViolations(page, 'after a run, a chart as a table');
  await page.getByRole('tab', { name: 'Metrics' }).click();
  await expectNoViolations(page, 'the Metrics tab after a run');

  // A diverged run and its doctor.
  await page.getByRole('tab', { name: 'Training' }).click();
  const lr = await learningRate(page);
  await lr.fill('0.5');
  await lr.press('Enter');
  await page
    .getByRole('toolbar', { name: 'Training controls' })
    .getByRole('button')
    .first()
    .click();
  await expect(page.getByRole('region', { name: 'Divergence doctor' })).toBeVisible({
    timeout: 30_000,
  });
  await expectNoViolations(page, 'the divergence doctor');

  // An invalid field and Train's reasons.
  await learningRate(page);
  await lr.fill('');
  await expect(page.getByRole('list', { name: 'Why Train is disabled' })).toBeVisible();
  await expectNoViolations(page, 'an invalid field');
  await lr.fill('0.00001');
  await lr.press('Enter');

  // The dialogs.
  await page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'New' }).click();
  await expectNoViolations(page, 'the New dialog');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Connect layers' })).toBeVisible();
  await expectNoViolations(page, 'the Connect dialog');
  await page.keyboard.press('Escape');

  // A dataset import: a CSV's columns to map.
  await page.getByRole('tab', { name: 'Dataset' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import dataset…' }).click();
  await (await chooser).setFiles('e2e/fixtures/farms.csv');
  await expect(page.getByRole('button', { name: /Use this data/ })).toBeVisible();
  await expectNoViolations(page, 'a CSV import');
});

test('axe-core finds no violation in a convolutional network, with its arithmetic and problems', async ({
  page,
}) => {
  await freshApp(page);
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('fashion-mnist');
  await page.locator('.react-flow__node[data-id="fc1"]').click();
  await page.keyboard.press('Delete');
  await page.locator('.react-flow__node[data-id="in"]').click();
  // Each double-click adds the layer after the selected one, and selects it.
  const palette = page.getByRole('navigation', { name: 'Layer palette' });
  for (const name of ['Conv2d', 'BatchNorm2d', 'ReLU', 'MaxPool2d', 'Flatten', 'BatchNorm2d']) {
    await palette.getByRole('button', { name, exact: true }).dblclick();
  }
  await expect(
    page.getByRole('group', { name: /^MaxPool2d maxPool2d1, 2 x 2 windows/ }),
  ).toHaveCount(1);
  await expect(
    page.locator('.react-flow__node[data-id="batchNorm2d2"]').getByRole('alert'),
  ).toContainText('use BatchNorm1d');
  await page.locator('.react-flow__node[data-id="maxPool2d1"]').click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('MaxPool2d');
  await expectNoViolations(page, 'a CNN with a misplaced BatchNorm2d, a pool selected');
});

/** Presses Tab (or Shift+Tab) until `target` has the keyboard focus, as a person would. */
async function tabTo(page: Page, target: Locator, backwards = false, most = 80) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${target} with the Tab key`);
}

/** Focuses a <select> by Tab and moves its choice with the arrow keys to `value`. */
async function chooseByKeys(page: Page, select: Locator, value: string, backwards = false) {
  await tabTo(page, select, backwards);
  for (let i = 0; i < 10 && (await select.inputValue()) !== value; i++) {
    await page.keyboard.press('ArrowDown');
  }
  expect(await select.inputValue()).toBe(value);
}

/** Types into a focused field and commits it with Enter. */
async function typeValue(page: Page, field: Locator, value: string, backwards = false) {
  await tabTo(page, field, backwards);
  await page.keyboard.press('Control+a');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

test('builds the Fashion-MNIST MLP from a blank project with the keyboard alone, trains it and opens a cell', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await freshApp(page);
  const palette = page.getByRole('navigation', { name: 'Layer palette' });
  const inspector = page.getByRole('region', { name: 'Inspector' });

  // New > Blank project.
  await tabTo(
    page,
    page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name: 'New' }),
  );
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: /^Blank project/ }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);

  // The data: Fashion-MNIST.
  await chooseByKeys(page, page.getByRole('combobox', { name: 'Dataset' }), 'fashion-mnist');

  // Flatten, Linear 256, ReLU, Linear 128, ReLU, Linear 10, Softmax: each Enter on a palette
  // item adds it after the selected layer, and selects it.
  const add = async (kind: string) => {
    await tabTo(page, palette.getByRole('button', { name: kind, exact: true }), true);
    await page.keyboard.press('Enter');
  };
  const outFeatures = inspector.getByLabel('Out features', { exact: true });
  for (const [kind, size] of [
    ['Flatten'],
    ['Linear', '256'],
    ['ReLU'],
    ['Linear', '128'],
    ['ReLU'],
    ['Linear', '10'],
    ['Softmax'],
  ] as [string, string?][]) {
    await add(kind);
    if (size) await typeValue(page, outFeatures, size);
  }
  await expect(page.getByLabel('Model summary')).toContainText('235,146 trainable parameters');

  // A wire removed and drawn again, by keys: focus it, Enter selects, Delete removes it;
  // Connect layers (Ctrl+K) draws it from two lists.
  const wire = page.getByRole('group', { name: /^Wire from linear2 to relu2/ });
  await tabTo(page, wire);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(wire).toHaveCount(0);
  await expect(page.getByLabel('Model summary')).toContainText('Not ready');
  await page.keyboard.press('Control+k');
  const connect = page.getByRole('dialog', { name: 'Connect layers' });
  await chooseByKeys(page, connect.getByLabel('From (its output)'), 'linear2');
  await chooseByKeys(page, connect.getByLabel('To (its input)'), 'relu2');
  await tabTo(page, connect.getByRole('button', { name: 'Connect' }));
  await page.keyboard.press('Enter');
  await expect(wire).toHaveCount(1);
  // Each node says what it is and its shape.
  await expect(
    page.getByRole('group', { name: 'Linear linear1, 256 outputs, output [batch, 256]' }),
  ).toHaveCount(1);

  // The training settings: cross-entropy, Adam, 1 epoch.
  await tabTo(page, page.getByRole('tab', { name: 'Dataset' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Training' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const settings = page.getByRole('form', { name: 'Training settings' });
  await chooseByKeys(page, settings.getByLabel('Loss'), 'cross-entropy');
  await chooseByKeys(page, settings.getByLabel('Optimizer'), 'adam');
  await typeValue(page, settings.getByLabel('Learning rate', { exact: true }), '0.001');
  await typeValue(page, settings.getByLabel('Epochs', { exact: true }), '1');
  await typeValue(page, settings.getByLabel('Batch size', { exact: true }), '128');
  await expect(page.getByLabel('Model summary')).toContainText('Ready to train');

  // Train (Ctrl+Enter), one epoch.
  await page.keyboard.press('Control+Enter');
  await expect(status(page)).toContainText('epoch 1/1', { timeout: 240_000 });
  await expect(status(page)).toContainText('completed');

  // The confusion matrix's counts as a table; a cell opens its samples.
  const table = page.getByText('The counts as a table (each opens its samples)');
  await tabTo(page, table);
  await page.keyboard.press('Enter');
  const cell = page.getByRole('button', {
    name: /T-shirt\/top predicted as Shirt: show the samples/,
  });
  await tabTo(page, cell);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Samples of the cell' })).toContainText(
    'True T-shirt/top, predicted Shirt',
  );
  // A classifier's charts, gallery and a cell's samples: nothing for axe-core to find either.
  await expectNoViolations(page, 'Fashion-MNIST trained, a cell open');
});
