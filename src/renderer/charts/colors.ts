// The training charts' colours: one per kind of measurement, the same in every chart, from the
// Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008), whose hues stay apart for
// the common kinds of colour blindness; each measurement also has its own marker shape.

/** Each batch's loss: light, many points. */
export const BATCH = '#9cc9ea';
/** The training split, and the model's line. */
export const TRAIN = '#0072b2';
export const VALID = '#e69f00';
export const TEST = '#cc79a7';

/** The marker of each split's line, so a split is told apart without its colour too. */
export const MARKERS = { train: 'circle', validation: 'triangle', test: 'rect' } as const;

/** A layer's weights and its outputs in the model's insides (bluish green: Okabe-Ito too). */
export const WEIGHTS = TRAIN;
export const OUTPUTS = '#009e73';

/**
 * The Runs tab's overlaid runs, one colour each: Okabe-Ito's six hues that read best on white
 * (its yellow and black left out), each with a marker of its own as well.
 */
export const RUN_COLORS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9'];
export const RUN_MARKERS = ['circle', 'triangle', 'rect', 'diamond', 'roundRect', 'pin'];
