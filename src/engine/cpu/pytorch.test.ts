import { describePytorchParity } from '../testing/pytorchParity.node.ts';
import { createCpuBackend } from './backend';

describePytorchParity('CPU', () => createCpuBackend());
