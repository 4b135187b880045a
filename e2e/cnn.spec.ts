import { expect, type Page, test } from '@playwright/test';
import {
  control,
  dragLayer,
  freshApp,
  node,
  setSetting,
  status,
  trainingSettings,
  wire,
} from './app';

// A convolutional network built as a student builds one: dragged from the palette's
// Convolution group, wired, set in the inspector; the shapes on the wires, the arithmetic on
// the nodes and the problems of a layer in the wrong place. Then it trains an epoch on the
// default backend (WebGPU where Chromium offers it) and shows its filters and feature maps.

const palette = (page: Page) => page.getByRole('navigation', { name: 'Layer palette' });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const summary = (page: Page) => page.getByLabel('Model summary');

/** Sets a parameter of a node in the inspector, committing it with Enter. */
async function setParam(page: Page, id: string, label: string, value: string) {
  await node(page, id).click();
  await expect(inspector(page).getByRole('heading')).toContainText(id);
  const field = inspector(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

/** Whether the page can have a WebGPU adapter, as the app's worker asks for one. */
const offersWebGpu = (page: Page) =>
  page.evaluate<boolean>('navigator.gpu ? navigator.gpu.requestAdapter().then(Boolean) : false');

test('builds a small CNN for Fashion-MNIST by dragging, with its shapes, its arithmetic and a misplaced Conv2d, and trains it an epoch to see its filters and feature maps', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await freshApp(page);
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption('fashion-mnist');
  await page.getByRole('tab', { name: 'Training' }).click();
  await page.getByRole('combobox', { name: 'Loss' }).selectOption('cross-entropy');
  await page.getByRole('button', { name: 'Got it' }).click();

  // From the Input alone.
  await node(page, 'fc1').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'fc1')).toHaveCount(0);

  // The palette files the new kinds under Convolution.
  const convolution = palette(page).getByRole('region', { name: 'Convolution' });
  for (const name of ['Conv2d', 'MaxPool2d', 'AvgPool2d', 'BatchNorm2d', 'BatchNorm1d']) {
    await expect(convolution.getByRole('button', { name, exact: true })).toBeVisible();
  }

  // Input -> Conv2d -> ReLU -> MaxPool2d -> Flatten -> Linear, each dropped layer joining the
  // chain after the one dropped before it.
  const layers: [string, string][] = [
    ['Conv2d', 'conv2d1'],
    ['ReLU', 'relu1'],
    ['MaxPool2d', 'maxPool2d1'],
    ['Flatten', 'flatten1'],
    ['Linear', 'linear1'],
  ];
  for (const [i, [name, id]] of layers.entries()) {
    await dragLayer(page, name, 120 + (i % 3) * 240, 300 + Math.floor(i / 3) * 200);
    await expect(node(page, id)).toBeVisible();
  }
  let previous = 'in';
  for (const [, id] of layers) {
    await expect(page.getByTestId(`shape-${previous}->${id}`)).toBeVisible();
    previous = id;
  }

  // A wire taken out and drawn again by hand, handle to handle.
  const reluToPool = page.getByRole('group', { name: /^Wire from relu1 to maxPool2d1/ });
  await reluToPool.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(reluToPool).toHaveCount(0);
  await expect(summary(page)).toContainText('Not ready');
  await wire(page, 'relu1', 'maxPool2d1');
  await expect(reluToPool).toHaveCount(1);

  // Without padding a 3 x 3 kernel takes a pixel off each side; padding 1 keeps 28.
  await expect(page.getByTestId('shape-conv2d1->relu1')).toHaveText('[batch, 8, 26, 26]');
  await expect(node(page, 'conv2d1')).toContainText('(28 − 3) / 1 + 1 = 26');
  await setParam(page, 'conv2d1', 'Padding', '1');
  await expect(page.getByTestId('shape-in->conv2d1')).toHaveText('[batch, 1, 28, 28]');
  await expect(page.getByTestId('shape-conv2d1->relu1')).toHaveText('[batch, 8, 28, 28]');
  await expect(node(page, 'conv2d1')).toContainText('8 filters of 3 x 3, padding 1');
  await expect(node(page, 'conv2d1')).toContainText('(28 + 2·1 − 3) / 1 + 1 = 28');
  await expect(node(page, 'conv2d1')).toContainText('80 parameters');
  await expect(
    page.getByRole('group', {
      name: 'Conv2d conv2d1, 8 filters of 3 x 3, padding 1, output [batch, 8, 28, 28], height and width (28 + 2 × 1 − 3) / 1 + 1 = 28',
    }),
  ).toHaveCount(1);

  // The pool halves the image: its stride is its kernel size until set.
  await expect(page.getByTestId('shape-maxPool2d1->flatten1')).toHaveText('[batch, 8, 14, 14]');
  await expect(node(page, 'maxPool2d1')).toContainText('(28 − 2) / 2 + 1 = 14');
  await expect(page.getByTestId('shape-flatten1->linear1')).toHaveText('[batch, 1568]');
  // 8*1*3*3+8 + 1568*10+10, as sum(p.numel() for p in model.parameters()).
  await expect(summary(page)).toContainText('15,770 trainable parameters');
  await expect(summary(page)).toContainText('Ready to train');

  // Kernel size 3 moves the stride with it, and the stride that does not fit gets a note.
  await node(page, 'maxPool2d1').click();
  await expect(inspector(page).getByLabel('Stride', { exact: true })).toHaveValue('2');
  await setParam(page, 'maxPool2d1', 'Kernel size', '3');
  await expect(inspector(page).getByLabel('Stride', { exact: true })).toHaveValue('3');
  await expect(page.getByTestId('shape-maxPool2d1->flatten1')).toHaveText('[batch, 8, 9, 9]');
  await expect(node(page, 'maxPool2d1')).toContainText('⌊(28 − 3) / 3⌋ + 1 = 9');
  await expect(node(page, 'maxPool2d1')).toContainText('stride 3 does not fit evenly');
  await setParam(page, 'maxPool2d1', 'Kernel size', '2');
  await expect(page.getByTestId('shape-maxPool2d1->flatten1')).toHaveText('[batch, 8, 14, 14]');
  await expect(node(page, 'maxPool2d1')).not.toContainText('does not fit');

  // A Conv2d dropped after the Flatten says why it cannot work there, on the node.
  await node(page, 'flatten1').click();
  await dragLayer(page, 'Conv2d', 600, 520);
  await expect(page.getByTestId('shape-flatten1->conv2d2')).toHaveText('[batch, 1568]');
  await expect(node(page, 'conv2d2').getByRole('alert')).toContainText(
    'Conv2d slides over images shaped [batch, channels, height, width] but gets flat rows [batch, 1568]: put it before the Flatten',
  );
  await expect(summary(page)).toContainText('Not ready');
  await page.screenshot({ path: 'test-results/cnn-graph-problem.png' });
  // Undo takes it back, and the model is whole again.
  await page.keyboard.press('Control+z');
  await expect(node(page, 'conv2d2')).toHaveCount(0);
  await expect(page.getByTestId('shape-flatten1->linear1')).toHaveText('[batch, 1568]');
  await expect(summary(page)).toContainText('Ready to train');
  await page.screenshot({ path: 'test-results/cnn-graph.png' });

  // Small enough to train an epoch of 60,000 images in well under a minute: 4 filters moved 2
  // pixels at a time, as ResNet downsamples (padding 1 is all a stride of 2 leaves out).
  await setParam(page, 'conv2d1', 'Out channels', '4');
  await setParam(page, 'conv2d1', 'Stride', '2');
  await expect(page.getByTestId('shape-conv2d1->relu1')).toHaveText('[batch, 4, 14, 14]');
  await expect(node(page, 'conv2d1')).toContainText('⌊(28 + 2·1 − 3) / 2⌋ + 1 = 14');
  await expect(node(page, 'conv2d1')).not.toContainText('does not fit');
  await expect(page.getByTestId('shape-maxPool2d1->flatten1')).toHaveText('[batch, 4, 7, 7]');
  await expect(page.getByTestId('shape-flatten1->linear1')).toHaveText('[batch, 196]');
  // 4*1*3*3+4 + 196*10+10.
  await expect(summary(page)).toContainText('2,010 trainable parameters');

  // One epoch of Adam in batches of 128.
  await (await trainingSettings(page))
    .getByLabel('Optimizer', { exact: true })
    .selectOption('adam');
  await setSetting(page, 'Learning rate', '0.003');
  await setSetting(page, 'Batch size', '128');
  await setSetting(page, 'Epochs', '1');
  await control(page, 'Train').click();
  const maps = page.getByRole('region', { name: 'Feature maps' });
  await expect(maps).toContainText('test image 0 · initial weights', { timeout: 60_000 });
  await expect(status(page)).toContainText('epoch 1/1', { timeout: 240_000 });
  await expect(status(page)).toContainText('completed');
  await expect(page.getByText(/Training on (WebGPU|the CPU)/)).toHaveText(
    (await offersWebGpu(page)) ? /^Training on WebGPU/ : /^Training on the CPU/,
  );

  // The first convolution's filters, and what each conv and pool layer makes of the first test
  // image after the epoch.
  await expect(page.getByRole('heading', { name: 'Inside the model' })).toBeVisible();
  const filters = page.getByRole('region', { name: 'Filters' });
  await expect(filters).toContainText('Filters of conv2d1');
  await expect(filters).toContainText('4 filters of 3 × 3');
  await expect(filters.getByRole('img', { name: /^filter \d of conv2d1$/ })).toHaveCount(4);
  await expect(maps).toContainText('test image 0 · after epoch 1');
  await expect(maps.getByRole('img', { name: /^test image 0: true \S+/ })).toBeVisible();
  await expect(maps).toContainText('conv2d1 · [4, 14, 14]');
  await expect(maps).toContainText('maxPool2d1 · [4, 7, 7]');
  await expect(maps.getByRole('img', { name: /^conv2d1 channel \d$/ })).toHaveCount(4);
  await expect(maps.getByRole('img', { name: /^maxPool2d1 channel \d$/ })).toHaveCount(4);
});
