import { afterAll } from 'vitest';
import { describePytorchParity } from '../testing/pytorchParity.node.ts';
import { createWebGpuBackend } from './backend';
import { releaseTestGpu, testGpu } from './testing/testGpu.node';

const { gpu, need } = await testGpu();
afterAll(releaseTestGpu);

describePytorchParity('WebGPU', () => createWebGpuBackend(gpu!), need);
