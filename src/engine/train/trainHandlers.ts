import type { Handlers } from './handlers';
import type { TrainRequests } from './trainProtocol';

/** The worker's handlers for training requests (see trainProtocol.ts). */
export const trainHandlers: Handlers<keyof TrainRequests> = {};
