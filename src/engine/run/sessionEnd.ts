// How one training session ends: its Trainer's outcome, or the loss of the GPU device it runs on,
// whichever comes first; tested without a GPU, as is the failure a lost device causes just before
// it says it is lost.

/** The Trainer's outcome, or why the device was lost (the run then starts again on a new one). */
export type SessionEnd<T> = { readonly outcome: T } | { readonly lost: string };

/** How long a failed session waits for its device to say it is lost before failing the run. */
const LOSS_GRACE_MS = 500;

/**
 * Runs `run` (the Trainer's run) and races it against the loss of `device`.
 *
 * @example
 * const ended = await sessionEnd(choice.device, () => trainer.run());
 * if ('lost' in ended) trainer.stop();
 */
export async function sessionEnd<T>(
  device: Pick<GPUDevice, 'lost'> | undefined,
  run: () => Promise<T>,
): Promise<SessionEnd<T>> {
  const lost = device?.lost.then((info) => info.message || info.reason || 'unknown');
  const ran = run().then((outcome) => ({ outcome }));
  // Once the device is lost this session's promise is abandoned: it may still fail.
  ran.catch(() => undefined);
  try {
    return await (lost ? Promise.race([ran, lost.then((reason) => ({ lost: reason }))]) : ran);
  } catch (err) {
    // A lost device fails its pending readbacks a moment before `lost` settles.
    const reason = lost && (await Promise.race([lost, delay(LOSS_GRACE_MS).then(() => undefined)]));
    if (reason === undefined) throw err;
    return { lost: reason };
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
