import { afterAll, expect, it } from 'vitest';
import linearRegression from '../../../resources/examples/linear-regression.layerboard.json';
import { parseProject } from '../../shared/parseProject';
import { nodeFiles } from '../data/nodeFiles.node.ts';
import { openDawn } from '../gpu/dawn.node';
import { acquireDevice, type GpuContext } from '../gpu/device';
import { describeWith } from '../testing/needs.node';
import type { HandlerContext } from './handlerContext';
import { createTrainHandlers } from './trainHandlers';
import type { TrainNotices } from './trainMessages';
import type { Notice } from './workerProtocol';

// Held for the whole file: Dawn's devices crash once this object is collected.
const opened = await openDawn();
let dawn: GPU | undefined = opened.ok ? opened.gpu : undefined;
const first = dawn
  ? await acquireDevice(dawn)
  : { ok: false as const, reason: opened.ok ? '' : opened.reason };
const devices: GpuContext[] = first.ok ? [first.gpu] : [];

afterAll(() => {
  for (const d of devices) d.device.destroy();
  dawn = undefined;
});

const parsed = parseProject(linearRegression);
if (!parsed.ok) throw new Error(parsed.error);
const lesson1 = parsed.value;

describeWith(
  { what: 'WebGPU', missing: first.ok ? undefined : first.reason },
  'a GPU device lost during training',
  () => {
    it('is replaced, and training goes on from the last finished epoch', async () => {
      const notices: TrainNotices[] = [];
      let lostOnce = false;
      const ctx: HandlerContext = {
        notify: (notice: Notice) => {
          const n = notice as TrainNotices;
          notices.push(n);
          if (n.type === 'train-epoch' && n.report.epoch === 30 && !lostOnce) {
            lostOnce = true;
            devices.at(-1)!.device.destroy();
          }
        },
        signal: new AbortController().signal,
        // As the worker does: a new device once the old one is lost.
        gpu: async () => {
          const current = devices.at(-1)!;
          if (!lostOnce) return current;
          if (devices.length === 1) {
            const next = await acquireDevice(dawn!);
            if (!next.ok) throw new Error(next.reason);
            devices.push(next.gpu);
          }
          return devices.at(-1);
        },
        transfer: [],
      };
      const handlers = createTrainHandlers({ files: () => nodeFiles('.') });
      const training = { ...lesson1.training, epochs: 60 };
      const result = await handlers['train-start'](
        {
          type: 'train-start',
          id: 1,
          run: 1,
          graph: lesson1.graph,
          dataset: lesson1.dataset,
          training,
          ...(lesson1.weights ? { weights: lesson1.weights } : {}),
          datasetsUrl: 'http://unused/',
          imports: new Map(),
        },
        ctx,
      );
      expect(result.outcome).toBe('completed');
      const started = notices.find((n) => n.type === 'train-started');
      expect(started?.type === 'train-started' && started.facts.backend).toBe('webgpu');
      const recovered = notices.filter((n) => n.type === 'train-recovered');
      expect(recovered).toHaveLength(1);
      expect(recovered[0]!.type === 'train-recovered' && recovered[0]!.message).toMatch(
        /end of epoch 30 on a new GPU device/,
      );
      expect(result.history.map((r) => r.epoch)).toEqual(
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
      expect(result.history.at(-1)!.loss).toBeLessThan(result.history[29]!.loss);
    });
  },
);
