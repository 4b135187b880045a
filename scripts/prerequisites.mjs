// What `npm test` needs from the system besides node_modules, and how to get it: Debian's Chromium
// (the e2e tests and its SwiftShader Vulkan driver for WebGPU), the Vulkan loader (Dawn, the
// `webgpu` package, loads it) and python3 with PyTorch (the reference numbers and the export checks).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const swiftshaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** Debian's python3, whose python3-torch the tests use (not a python3 on the PATH without it). */
export const python = '/usr/bin/python3';

function hasVulkanLoader() {
  const found = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' });
  if (found.status === 0) return /\blibvulkan\.so\.1\b/.test(found.stdout);
  return ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib'].some(
    (dir) => existsSync(`${dir}/libvulkan.so.1`),
  );
}

function hasTorch() {
  return spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** Each requirement: what it is for, whether it is there, and the Debian package that brings it. */
export const requirements = [
  {
    what: 'Chromium',
    why: 'the e2e tests and WebGPU through SwiftShader',
    present: () => existsSync(chromiumPath) && existsSync(swiftshaderIcd),
    debian: 'chromium',
  },
  {
    what: 'the Vulkan loader',
    why: 'WebGPU in Node',
    present: hasVulkanLoader,
    debian: 'libvulkan1',
  },
  {
    what: `PyTorch for ${python}`,
    why: 'the PyTorch reference numbers and export checks',
    present: hasTorch,
    debian: 'python3-torch',
  },
];

/**
 * Installs what is missing when it can (as root, with apt-get), else says the one command to run.
 * Returns true when everything is there.
 */
export function ensurePrerequisites({ log = console.log } = {}) {
  const missing = requirements.filter((r) => !r.present());
  if (missing.length === 0) return true;
  const packages = missing.map((r) => r.debian);
  const list = missing.map((r) => `${r.what} (${r.why})`).join(', ');
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (process.platform !== 'linux' || !hasApt) {
    log(
      `npm test needs ${list}: install them with your system's package manager (on Debian: ${command}).`,
    );
    return false;
  }
  if (!isRoot) {
    log(`npm test needs ${list}. Install them once with:\n  sudo sh -c '${command}'`);
    return false;
  }
  log(`npm test: installing ${list}: apt-get install -y ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-q'],
    ['install', '-y', '-q', ...packages],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) {
      log(
        `npm test: "apt-get ${args.join(' ')}" failed (exit ${result.status}); run it by hand to see why.`,
      );
      return false;
    }
  }
  const still = requirements.filter((r) => !r.present());
  if (still.length > 0) {
    log(`npm test: still missing after the install: ${still.map((r) => r.what).join(', ')}.`);
    return false;
  }
  return true;
}
