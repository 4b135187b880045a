import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { imageModel } from '../src/engine/export/fixtures/models';
import { modelFileText } from '../src/engine/export/modelFile';
import { expectNoViolations, status } from './app';

const exportStatus = (page: Page) => page.getByRole('status', { name: 'Export status' });

/** Lesson 1 (the app's starting project: crop yields, 100 epochs), trained in the UI. */
async function trainLessonOne(page: Page) {
  await page.goto('/');
  await page.evaluate('localStorage.clear()');
  await page.reload();
  await page.getByRole('tab', { name: 'Training' }).click();
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeDisabled();
  await page
    .getByRole('toolbar', { name: 'Training controls' })
    .getByRole('button', { name: 'Train', exact: true })
    .click();
  await expect(status(page)).toContainText('epoch 100/100', { timeout: 60_000 });
}

/** Exports in one format through the Export button; resolves with the downloaded file. */
async function exportAs(page: Page, item: RegExp) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page
    .getByRole('menu', { name: 'Export formats' })
    .getByRole('menuitem', { name: item })
    .click();
  const file = await download;
  return { name: file.suggestedFilename(), path: await file.path() };
}

test('lesson 1 trained in the UI downloads as model JSON through the Export button, and reopens to predict', async ({
  page,
}) => {
  await trainLessonOne(page);
  const json = await exportAs(page, /Model JSON/);
  expect(json.name).toMatch(/\.model\.json$/);
  const model = JSON.parse(await readFile(json.path, 'utf8'));
  expect(model.format).toBe('layerboard/model');
  expect(model.inputShape).toEqual([3]);
  expect(model.layers[0].kind).toBe('linear');
  expect(model.layers[0].weight).toHaveLength(2);
  expect(model.layers[0].weight[0]).toHaveLength(3);
  expect(model.targets).toEqual(['apples_ton', 'oranges_ton']);
  expect(model.preprocessing.features).toEqual(['temp_f', 'rainfall_mm', 'humidity_pct']);
  expect(model.metrics.epochs).toBe(100);
  expect(model.metrics.history).toHaveLength(100);
  await expect(exportStatus(page)).toHaveText(`Exported ${json.name}`);

  // Open it again: a form of the three columns, the two yields predicted as the fields change.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open model…' }).click();
  await (await chooser).setFiles(json.path);
  const dialog = page.getByRole('dialog');
  const inputs = dialog.getByRole('form', { name: 'Inputs' });
  await inputs.getByLabel('temp_f').fill('73');
  await inputs.getByLabel('rainfall_mm').fill('67');
  await inputs.getByLabel('humidity_pct').fill('43');
  const predictions = dialog.getByRole('definition');
  await expect(predictions).toHaveCount(2);
  const [w, b] = [model.layers[0].weight, model.layers[0].bias];
  const apples = w[0][0] * 73 + w[0][1] * 67 + w[0][2] * 43 + b[0];
  expect(Number(await predictions.first().innerText())).toBeCloseTo(apples, 3);

  // Continue training: the file becomes the project, and Train starts from its weights.
  await dialog.getByRole('button', { name: 'Continue training' }).click();
  await expect(dialog).toBeHidden();
  await page
    .getByRole('toolbar', { name: 'Training controls' })
    .getByRole('button', { name: 'Train', exact: true })
    .click();
  await expect(status(page)).toContainText('epoch 100/100', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Metrics' }).click();
  const firstEpoch = page.getByRole('table', { name: 'Epoch by epoch' }).getByRole('row').nth(1);
  const loss = Number(/\d+\.\d+/.exec(await firstEpoch.innerText())?.[0]);
  // Lesson 1 starts at a loss of about 5,000; from the trained weights it starts where it ended.
  expect(loss).toBeLessThan(model.metrics.loss * 1.05);
});

test('the ONNX export is checked with onnxruntime-web in the app, and the PyTorch one is a script', async ({
  page,
}) => {
  await trainLessonOne(page);
  const onnx = await exportAs(page, /ONNX/);
  expect(onnx.name).toMatch(/\.onnx$/);
  await expect(exportStatus(page)).toContainText('ONNX export verified: max difference', {
    timeout: 30_000,
  });
  const script = await exportAs(page, /PyTorch/);
  expect(script.name).toMatch(/^[a-z_][a-z0-9_]*\.py$/);
  const text = await readFile(script.path, 'utf8');
  expect(text).toContain('model = nn.Sequential(');
  expect(text).toContain("if __name__ == '__main__':");
});

test('an image model file opens to an image drop that predicts its classes', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Training' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open model…' }).click();
  await (await chooser).setFiles({
    name: 'tiny.model.json',
    mimeType: 'application/json',
    buffer: Buffer.from(modelFileText(imageModel)),
  });
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Tiny images');
  // A PNG drawn by the browser: a light square on black, like a garment of the training images.
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(40, 40);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#000';
    context.fillRect(0, 0, 40, 40);
    context.fillStyle = '#ddd';
    context.fillRect(10, 8, 20, 24);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  await dialog
    .getByLabel('Image to predict')
    .setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  // Light on black, as the training images: not inverted unless the user says so.
  await expect(dialog.getByLabel(/Dark on a light background/)).not.toBeChecked();
  await expect(dialog.getByRole('img', { name: 'The image as the model sees it' })).toBeVisible();
  const classes = dialog.getByRole('list', { name: 'Predictions' }).getByRole('listitem');
  await expect(classes).toHaveCount(3);
  await expectNoViolations(page, 'the Open model dialog, predicting an image');
  const percents = (await classes.allInnerTexts()).map((t) => Number(/([\d.]+)%/.exec(t)?.[1]));
  expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
});
