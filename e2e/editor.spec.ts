import { expect, type Page, test } from '@playwright/test';
import { dragLayer, node, wire } from './app';

const toolbar = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Project' }).getByRole('button', { name, exact: true });

test('builds the Fashion-MNIST MLP by dragging, explains a shape mistake, undoes it, and survives a reload', async ({
  page,
}) => {
  await page.goto('/');
  await page.evaluate('localStorage.clear()');
  await page.reload();

  // The data and the loss of the lesson.
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('fashion-mnist');
  await page.getByRole('tab', { name: 'Training' }).click();
  await page.getByRole('combobox', { name: 'Loss' }).selectOption('cross-entropy');

  // The first launch's start, read and put away.
  await page.getByRole('button', { name: 'Got it' }).click();

  // Start from the Input alone.
  await node(page, 'fc1').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'fc1')).toHaveCount(0);
  await toolbar(page, 'Fit view').click();

  const layers: [string, string][] = [
    ['Flatten', 'flatten1'],
    ['Linear', 'linear1'],
    ['ReLU', 'relu1'],
    ['Linear', 'linear2'],
    ['ReLU', 'relu2'],
    ['Linear', 'linear3'],
    ['Softmax', 'softmax1'],
  ];
  for (const [i, [name, id]] of layers.entries()) {
    await dragLayer(page, name, 90 + (i % 4) * 210, 330 + Math.floor(i / 4) * 240);
    await expect(node(page, id)).toBeVisible();
  }
  // Each dropped layer joined the chain after the one dropped before it (the selected node).
  let previous = 'in';
  for (const [, id] of layers) {
    await expect(page.getByTestId(`shape-${previous}->${id}`)).toBeVisible();
    previous = id;
  }

  // Sizes through the inspector.
  for (const [id, size] of [
    ['linear1', '256'],
    ['linear2', '128'],
  ] as const) {
    await node(page, id).click();
    const field = page.getByRole('region', { name: 'Inspector' }).getByLabel('Out features');
    await field.fill(size);
    await field.press('Enter');
  }
  await toolbar(page, 'Auto-layout').click();

  // A wire drawn by dragging one handle to another: Flatten then feeds two layers, a branch.
  // (Auto-layout frames the graph in a 200 ms animation: the handles stand still after it.)
  await page.waitForTimeout(400);
  await wire(page, 'flatten1', 'linear3');
  await expect(node(page, 'flatten1').getByRole('alert')).toContainText('a branch');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('shape-relu2->linear3')).toBeVisible();
  await expect(node(page, 'flatten1').getByRole('alert')).toHaveCount(0);

  // The shapes on the wires, and the parameter count: 784*256+256 + 256*128+128 + 128*10+10.
  await expect(page.getByTestId('shape-in->flatten1')).toHaveText('[batch, 1, 28, 28]');
  await expect(page.getByTestId('shape-flatten1->linear1')).toHaveText('[batch, 784]');
  await expect(page.getByTestId('shape-linear1->relu1')).toHaveText('[batch, 256]');
  await expect(page.getByTestId('shape-linear3->softmax1')).toHaveText('[batch, 10]');
  await expect(page.getByLabel('Model summary')).toContainText('235,146 trainable parameters');
  await expect(page.getByLabel('Model summary')).toContainText('Ready to train');
  // Softmax before cross-entropy is explained on the node.
  await expect(node(page, 'softmax1')).toContainText('folded into one stable log-softmax');

  // A shape mistake: delete the Flatten, and the Linear says why it cannot work.
  await node(page, 'flatten1').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'linear1').getByRole('alert')).toContainText('add a Flatten before it');
  await expect(page.getByLabel('Model summary')).toContainText('Not ready');

  // Undo brings the Flatten back, wired as before.
  await page.keyboard.press('Control+z');
  await expect(node(page, 'flatten1')).toBeVisible();
  await expect(page.getByTestId('shape-flatten1->linear1')).toHaveText('[batch, 784]');
  await expect(node(page, 'linear1').getByRole('alert')).toHaveCount(0);

  // Reload: the autosave restores the graph.
  await page.waitForTimeout(500);
  await page.reload();
  await expect(node(page, 'softmax1')).toBeVisible();
  await expect(page.getByTestId('shape-flatten1->linear1')).toHaveText('[batch, 784]');
  await expect(page.getByLabel('Model summary')).toContainText('235,146 trainable parameters');
  await page.screenshot({ path: 'test-results/mlp-graph.png' });
});
