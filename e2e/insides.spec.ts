import { expect, type Page, test } from '@playwright/test';
import { control, expectNoViolations, freshApp, status } from './app';

/**
 * A tiny CNN on Fashion-MNIST, small enough to train an epoch on the default backend (WebGPU
 * where Chromium offers it, even on SwiftShader) in well under a minute; the test reads the same
 * on the CPU.
 */
const cnnProject = {
  format: 'layerboard/project',
  version: 1,
  name: 'Tiny CNN',
  graph: {
    nodes: [
      { id: 'in', kind: 'input', position: { x: 0, y: 0 } },
      {
        id: 'conv1',
        kind: 'conv2d',
        params: { outChannels: 4, kernelSize: 3, stride: 2, padding: 0 },
        position: { x: 0, y: 130 },
      },
      { id: 'relu1', kind: 'relu', position: { x: 0, y: 260 } },
      {
        id: 'pool1',
        kind: 'maxPool2d',
        params: { kernelSize: 2, stride: 2 },
        position: { x: 0, y: 390 },
      },
      { id: 'flatten', kind: 'flatten', position: { x: 0, y: 520 } },
      { id: 'fc1', kind: 'linear', params: { outFeatures: 10 }, position: { x: 0, y: 650 } },
    ],
    edges: [
      { source: 'in', target: 'conv1' },
      { source: 'conv1', target: 'relu1' },
      { source: 'relu1', target: 'pool1' },
      { source: 'pool1', target: 'flatten' },
      { source: 'flatten', target: 'fc1' },
    ],
  },
  dataset: { source: 'builtin', name: 'fashion-mnist' },
  training: {
    loss: 'cross-entropy',
    optimizer: { type: 'adam', lr: 0.003, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    batchSize: 128,
    epochs: 1,
    shuffle: true,
    seed: 1,
    normalize: 'none',
    validationSplit: 0,
  },
};

async function openProject(page: Page, project: unknown) {
  const chooser = page.waitForEvent('filechooser');
  await page
    .getByRole('toolbar', { name: 'Project' })
    .getByRole('button', { name: 'Open', exact: true })
    .click();
  await (await chooser).setFiles({
    name: 'tiny-cnn.layerboard.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(project)),
  });
}

test("a CNN trained for an epoch shows its filters, a test image's feature maps and its layers' histograms", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await freshApp(page);
  await openProject(page, cnnProject);
  await page.getByRole('tab', { name: 'Training' }).click();
  await control(page, 'Train').click();
  // The first test image's maps come from the first weights, before any epoch ends.
  const maps = page.getByRole('region', { name: 'Feature maps' });
  await expect(maps).toContainText('test image 0 · initial weights', { timeout: 60_000 });
  await expect(status(page)).toContainText('completed', { timeout: 280_000 });

  await expect(page.getByRole('heading', { name: 'Inside the model' })).toBeVisible();
  const filters = page.getByRole('region', { name: 'Filters' });
  await expect(filters).toContainText('4 filters of 3 × 3');
  await expect(filters.getByRole('img')).toHaveCount(4);

  // Every conv and pool layer's channels, from the weights at the end of the epoch.
  await expect(maps).toContainText('test image 0 · after epoch 1');
  await expect(maps).toContainText('conv1 · [4, 13, 13]');
  await expect(maps).toContainText('pool1 · [4, 6, 6]');
  await expect(maps.getByRole('img', { name: /^conv1 channel/ })).toHaveCount(4);
  await expect(maps.getByRole('img', { name: /^pool1 channel/ })).toHaveCount(4);

  // Histograms of both layers with weights, their least and greatest values written out.
  const histograms = page.getByRole('region', { name: 'Histograms of the layers' });
  await expect(histograms).toContainText('end of epoch 1');
  for (const name of ['conv1 weights', 'conv1 outputs', 'fc1 weights', 'fc1 outputs']) {
    await expect(histograms.getByRole('img', { name, exact: true })).toBeVisible();
  }
  await expect(histograms).toContainText(/\d+% dead ReLUs/);
  await histograms.getByText('The histograms as a table').click();
  await expect(histograms.getByRole('table').locator('tbody tr')).toHaveCount(4);
  await expectNoViolations(page, 'the insides of a trained CNN');

  // An image of the gallery, inspected with a click.
  const gallery = page.getByRole('region', { name: 'Predictions gallery' });
  const pick = gallery.getByRole('button', { name: /^Inspect this image/ }).nth(2);
  const index = /sample (\d+)/.exec((await pick.getAttribute('aria-label'))!)![1];
  await pick.click();
  await expect(pick).toHaveAttribute('aria-pressed', 'true');
  await expect(maps).toContainText(`test image ${index} · after epoch 1`);
  await expect(maps.getByRole('img', { name: /^conv1 channel/ })).toHaveCount(4);

  // The gallery is one tab stop, the inspected image; arrows move to the others, Enter inspects.
  const images = gallery.getByRole('button', { name: /^Inspect this image/ });
  await expect(pick).toHaveAttribute('tabindex', '0');
  await expect(images.first()).toHaveAttribute('tabindex', '-1');
  await pick.focus();
  await page.keyboard.press('ArrowRight');
  await expect(images.nth(3)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(images.nth(3)).toHaveAttribute('aria-pressed', 'true');

  // An image of a confusion-matrix cell, inspected from the keyboard.
  await page.getByText('The counts as a table (each opens its samples)').click();
  await page
    .getByRole('button', { name: /Trouser predicted as Trouser: show the samples/ })
    .click();
  const cell = page.getByRole('region', { name: 'Samples of the cell' });
  const trouser = cell.getByRole('button', { name: /^Inspect this image/ }).first();
  const trouserIndex = /sample (\d+)/.exec((await trouser.getAttribute('aria-label'))!)![1];
  await trouser.focus();
  await page.keyboard.press('Enter');
  await expect(maps).toContainText(`test image ${trouserIndex} · after epoch 1`);
  await expect(maps).toContainText('true Trouser, predicted Trouser');
});
