import type { Handlers } from '../train/handlers';
import type { DataRequests } from './dataProtocol';

/** The worker's handlers for data requests (see dataProtocol.ts). */
export const dataHandlers: Handlers<keyof DataRequests> = {};
