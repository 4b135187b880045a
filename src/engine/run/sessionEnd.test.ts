import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionEnd } from './sessionEnd';

/** A device whose `lost` settles when the test says so. */
function fakeDevice() {
  let lose!: (info: { reason: 'unknown' | 'destroyed'; message: string }) => void;
  const lost = new Promise<GPUDeviceLostInfo>((resolve) => {
    lose = (info) => resolve(info as GPUDeviceLostInfo);
  });
  return { device: { lost }, lose };
}

const never = <T>() => new Promise<T>(() => undefined);

describe('sessionEnd', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("passes the Trainer's outcome on, with or without a device", async () => {
    await expect(sessionEnd(undefined, async () => 'completed')).resolves.toEqual({
      outcome: 'completed',
    });
    const { device } = fakeDevice();
    await expect(sessionEnd(device, async () => 'stopped')).resolves.toEqual({
      outcome: 'stopped',
    });
  });

  it("ends with the device's loss, naming it by its message, else its reason", async () => {
    const a = fakeDevice();
    const ended = sessionEnd(a.device, never);
    a.lose({ reason: 'unknown', message: 'GPU hung' });
    await expect(ended).resolves.toEqual({ lost: 'GPU hung' });
    const b = fakeDevice();
    b.lose({ reason: 'destroyed', message: '' });
    await expect(sessionEnd(b.device, never)).resolves.toEqual({ lost: 'destroyed' });
  });

  it('takes a failure just before the loss for the loss', async () => {
    vi.useFakeTimers();
    const { device, lose } = fakeDevice();
    const ended = sessionEnd(device, () => Promise.reject(new Error('mapAsync failed')));
    await vi.advanceTimersByTimeAsync(100);
    lose({ reason: 'unknown', message: 'device reset' });
    await expect(ended).resolves.toEqual({ lost: 'device reset' });
  });

  it('fails with the run when the device is not lost soon after', async () => {
    vi.useFakeTimers();
    const { device } = fakeDevice();
    const ended = sessionEnd(device, () => Promise.reject(new Error('bad shape')));
    const failed = expect(ended).rejects.toThrow('bad shape');
    await vi.advanceTimersByTimeAsync(500);
    await failed;
    await expect(
      sessionEnd(undefined, () => Promise.reject(new Error('no device'))),
    ).rejects.toThrow('no device');
  });
});
