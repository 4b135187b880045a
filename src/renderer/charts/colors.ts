// The training charts' colours: one per kind of measurement, the same in every chart.

/** Each batch's loss: light, many points. */
export const BATCH = '#9dbcf0';
/** The training split, and the model's line. */
export const TRAIN = '#2f6fde';
export const VALID = '#e07b1a';
export const TEST = '#1f9d55';
