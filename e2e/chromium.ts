/**
 * Debian's Chromium with WebGPU on (SwiftShader where there is no GPU). Playwright's own browser
 * download cannot run here, so every e2e test and benchmark launches this one.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumLaunchArgs = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
