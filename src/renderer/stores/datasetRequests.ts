import type { DataRequests } from '../../engine';
import { baseName } from '../../shared/fileKinds';
import type { DatasetRef } from '../../shared/project';
import type { DatasetState, DatasetStoreDeps } from './datasetState';
import { type DataRequest, LatestRequest } from './latestRequest';

/** What the worker requests need of the dataset store they are part of. */
export interface DatasetRequestDeps extends DatasetStoreDeps {
  readonly set: (partial: Partial<DatasetState>) => void;
}

/**
 * The dataset store's requests to the engine worker, one at a time and the latest winning
 * (latestRequest.ts): each shows its progress in `progress`, and its failure in `error`.
 */
export function datasetRequests({ project, engine, datasetsUrl, set }: DatasetRequestDeps) {
  const requests = new LatestRequest(engine);

  /**
   * Sends a request with a progress bar; its reply, or undefined (error shown, or overtaken).
   * `importing` tells the user, on an error, that the project's dataset stayed as it was.
   */
  async function run<K extends DataRequest>(
    type: K,
    body: DataRequests[K]['request'],
    label: string,
    importing: boolean,
  ): Promise<DataRequests[K]['reply'] | undefined> {
    set({ progress: { label, read: 0 }, error: undefined });
    const outcome = await requests.send(type, body, ({ file, read, total }) => {
      const progress = { label: `Reading ${baseName(file)}`, read };
      set({ progress: total ? { ...progress, total } : progress });
    });
    if (!outcome) return undefined;
    if (outcome.ok) {
      set({ progress: undefined });
      return outcome.reply;
    }
    const { message, userError } = outcome;
    const text = userError ? message : `${label} failed: ${message}. Please report this problem`;
    set({ progress: undefined, error: { message: text, projectUnchanged: importing } });
    return undefined;
  }

  return {
    run,

    /** The worker's description of `ref` read from `imports`, split as the project trains. */
    describe(
      ref: DatasetRef,
      imports: ReadonlyMap<string, Blob>,
      label: string,
      importing: boolean,
    ) {
      const { validationSplit } = project.getState().training;
      const body = { ref, training: { validationSplit }, datasetsUrl: datasetsUrl(), imports };
      return run('describe-dataset', body, label, importing);
    },

    /** Cancels the request under way; its answer is dropped. */
    stop: () => requests.stop(),
  };
}

export type DatasetRequests = ReturnType<typeof datasetRequests>;
