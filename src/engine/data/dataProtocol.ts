/** Requests about data: reading, previewing and describing datasets in the worker. */
export type DataRequests = Record<never, never>;

/** Notices data requests send before their reply. */
export type DataNotices = never;
