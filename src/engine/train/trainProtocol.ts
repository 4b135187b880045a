/** Requests about training: start, pause, resume, step, stop, evaluate. */
export type TrainRequests = Record<never, never>;

/** Notices a training run sends before its reply: progress and live metrics. */
export type TrainNotices = never;
