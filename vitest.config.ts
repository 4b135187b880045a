import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Dawn (the `webgpu` package) reaches SwiftShader through Chromium's Vulkan driver on machines
// without a GPU; elsewhere the system's own driver is found without help.
const swiftshader = '/usr/lib/chromium/vk_swiftshader_icd.json';
const env: Record<string, string> =
  !process.env.VK_ICD_FILENAMES && existsSync(swiftshader) ? { VK_ICD_FILENAMES: swiftshader } : {};

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    env,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
