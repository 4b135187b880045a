import { expect, test } from '@playwright/test';

test('the app opens with its palette, canvas and side panel, and finds a WebGPU adapter', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');

  await expect(page.getByRole('navigation', { name: 'Layer palette' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Linear' })).toBeVisible();
  await expect(page.getByRole('main', { name: 'Model graph' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Side panel' })).toBeVisible();
  for (const tab of ['Dataset', 'Training', 'Metrics']) {
    await expect(page.getByRole('tab', { name: tab })).toBeVisible();
  }

  // The worker asked navigator.gpu for an adapter: SwiftShader here, a real GPU elsewhere.
  await expect(page.getByLabel('Training device')).toHaveText(/^WebGPU: \S+/, { timeout: 30_000 });
  expect(errors).toEqual([]);
});
