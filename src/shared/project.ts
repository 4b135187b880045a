import { z } from 'zod';
import { NODE_KINDS } from './nodeKinds';
import {
  FLOAT32_MAX,
  FLOAT32_MIN_NORMAL,
  float32Schema,
  limitsSchema,
  type NumberLimits,
} from './numberLimits';

/**
 * The project file (`*.layerboard.json`): what the app saves and opens and what `layerboard train`
 * takes. The contract is docs/DESIGN.md ("Project file"); this schema is its executable form.
 * Per-kind node parameters are checked by the engine's compile, which reports against the node.
 */
export const PROJECT_FORMAT = 'layerboard/project';
export const PROJECT_VERSION = 1;

const finite = float32Schema;

export const positionSchema = z.object({ x: finite, y: finite });

export const graphNodeSchema = z.object({
  id: z.string().min(1, 'a node id cannot be empty'),
  kind: z.enum(NODE_KINDS),
  params: z.record(z.string(), z.union([finite, z.string(), z.boolean()])).optional(),
  position: positionSchema,
});

export const graphEdgeSchema = z.object({
  source: z.string().min(1),
  target: z.string().min(1),
});

export const graphSchema = z.object({
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
});

export const BUILTIN_DATASETS = ['crop-yields', 'population-profit', 'fashion-mnist'] as const;
export type BuiltinDatasetName = (typeof BUILTIN_DATASETS)[number];

/** What a CSV dataset does with a missing cell (blank, `NA`, `NaN`, `?`...: csvCells.ts). */
export const MISSING_POLICIES = ['error', 'drop', 'mean'] as const;

/**
 * The limits of every number in the training settings: what the project file accepts, what the
 * Training tab's fields accept and what `layerboard train` says of a bad one (numberLimits.ts).
 */
export const TRAINING_LIMITS = {
  lr: { label: 'Learning rate', type: 'number', min: 0, minExclusive: true, max: FLOAT32_MAX },
  momentum: { label: 'Momentum', type: 'number', min: 0, max: 1 },
  weightDecay: { label: 'Weight decay', type: 'number', min: 0, max: FLOAT32_MAX },
  beta1: { label: 'Beta 1', type: 'number', min: 0, max: 1, maxExclusive: true },
  beta2: { label: 'Beta 2', type: 'number', min: 0, max: 1, maxExclusive: true },
  eps: { label: 'Epsilon', type: 'number', min: FLOAT32_MIN_NORMAL, max: FLOAT32_MAX },
  batchSize: { label: 'Batch size', type: 'int', min: 1, max: 1_000_000 },
  epochs: { label: 'Epochs', type: 'int', min: 1, max: 100_000 },
  // torch.manual_seed's CPU generator keeps the low 32 bits of a seed; so does the engine's.
  seed: { label: 'Seed', type: 'int', min: 0, max: 4_294_967_295 },
  validationSplit: {
    label: 'Validation split',
    type: 'number',
    min: 0,
    max: 1,
    maxExclusive: true,
  },
  /** A dataset's share of rows kept apart as its test split, until the end of the run. */
  testSplit: { label: 'Test split', type: 'number', min: 0, max: 1, maxExclusive: true },
  /** An image folder's height and width in pixels, each: every image is resized to them. */
  imageSize: { label: 'Image size', type: 'int', min: 1, max: 512 },
  /** StepLR's `step_size`: epochs between two multiplications by `gamma`. */
  stepSize: { label: 'Step size', type: 'int', min: 1, max: 100_000 },
  /** StepLR's `gamma`: 1 keeps the rate; above 1 it would grow without bound. */
  gamma: { label: 'Gamma', type: 'number', min: 0, minExclusive: true, max: 1 },
  /** CosineAnnealingLR's `T_max`: epochs from the rate down to `eta_min`. */
  tMax: { label: 'T max', type: 'int', min: 1, max: 100_000 },
  etaMin: { label: 'Minimum rate', type: 'number', min: 0, max: FLOAT32_MAX },
  /** Epochs without a lower validation loss before early stopping ends the run. */
  patience: { label: 'Patience', type: 'int', min: 1, max: 100_000 },
} as const satisfies Record<string, NumberLimits>;

const limited = (key: keyof typeof TRAINING_LIMITS) => limitsSchema(TRAINING_LIMITS[key]);

export const datasetRefSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('builtin'), name: z.enum(BUILTIN_DATASETS) }),
  z.object({
    source: z.literal('csv'),
    path: z.string().min(1),
    features: z.array(z.string()).min(1, 'choose at least one feature column'),
    targets: z.array(z.string()).min(1, 'choose a target column'),
    task: z.enum(['regression', 'classification']),
    /**
     * `error` (the default) names the first missing cell; `drop` leaves out every row with a missing value in a
     * chosen column; `mean` fills a missing feature with the training split's mean (its most
     * frequent category for text) and leaves out rows whose target is missing.
     */
    missing: z.enum(MISSING_POLICIES).optional(),
    testSplit: limited('testSplit').optional(),
  }),
  z.object({ source: z.literal('idx'), images: z.string().min(1), labels: z.string().min(1) }),
  /** A folder (or .zip) of PNG and JPEG images, one subfolder per class: torchvision's ImageFolder. */
  z.object({
    source: z.literal('folder'),
    path: z.string().min(1),
    /** `[height, width]` every image is resized to. */
    size: z.tuple([limited('imageSize'), limited('imageSize')]),
    /** 1 for grey (Pillow's "L"), 3 for RGB. */
    channels: z.union([z.literal(1), z.literal(3)]),
    testSplit: limited('testSplit').optional(),
  }),
]);

export const optimizerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sgd'),
    lr: limited('lr'),
    momentum: limited('momentum').default(0),
    weightDecay: limited('weightDecay').default(0),
  }),
  z.object({
    type: z.literal('adam'),
    lr: limited('lr'),
    beta1: limited('beta1').default(0.9),
    beta2: limited('beta2').default(0.999),
    eps: limited('eps').default(1e-8),
    weightDecay: limited('weightDecay').default(0),
  }),
]);

/**
 * The learning rate per epoch, as torch.optim.lr_scheduler steps it once after each epoch:
 * constant; StepLR (`lr * gamma^floor(epoch / stepSize)`); CosineAnnealingLR (from `lr` down to
 * `etaMin` over `tMax` epochs, then back up). engine/train/schedule.ts computes it.
 */
export const scheduleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('constant') }),
  z.object({ type: z.literal('step'), stepSize: limited('stepSize'), gamma: limited('gamma') }),
  z.object({
    type: z.literal('cosine'),
    tMax: limited('tMax'),
    etaMin: limited('etaMin').default(0),
  }),
]);

/** Stop after `patience` epochs without a lower validation loss, keeping the best epoch's weights. */
export const earlyStoppingSchema = z.object({ patience: limited('patience') });

export const LOSSES = ['mse', 'cross-entropy'] as const;
export const NORMALIZATIONS = ['none', 'standardize', 'minmax'] as const;

export const trainingSchema = z.object({
  loss: z.enum(LOSSES),
  optimizer: optimizerSchema,
  batchSize: limited('batchSize'),
  epochs: limited('epochs'),
  shuffle: z.boolean().default(false),
  seed: limited('seed').default(1),
  normalize: z.enum(NORMALIZATIONS).default('none'),
  validationSplit: limited('validationSplit').default(0),
  /** Absent: a constant rate. */
  schedule: scheduleSchema.optional(),
  earlyStopping: earlyStoppingSchema.optional(),
});

/**
 * Why these settings cannot train, in words a student can act on, or undefined: early stopping
 * watches the validation loss, so it needs a validation split.
 */
export function earlyStoppingProblem(
  training: Pick<TrainingSettings, 'earlyStopping' | 'validationSplit'>,
): string | undefined {
  if (!training.earlyStopping || training.validationSplit > 0) return undefined;
  return 'Early stopping watches the validation loss, and the validation split is 0: set a validation split (0.2 holds out a fifth of the rows), or turn early stopping off.';
}

/**
 * A tensor as nested lists (`[out][in]`, `[out][in][k][k]`, `[features]`): its shape and numbers
 * are checked against the layer it belongs to when the model is built (engine/model/init.ts).
 */
const tensorSchema = z.custom<NestedNumbers>(Array.isArray, {
  error: 'expected a list of numbers (nested, one level per dimension)',
});
const layerWeightsSchema = z.object({
  weight: tensorSchema,
  bias: tensorSchema,
  runningMean: tensorSchema.optional(),
  runningVar: tensorSchema.optional(),
});
type LayerWeights = z.infer<typeof layerWeightsSchema>;

/** Nested lists of numbers, one level per dimension. */
export type NestedNumbers = number | readonly NestedNumbers[];

/**
 * Initial parameters per node id of a layer with weights, in PyTorch's layout: a Linear's
 * `weight[out][in]` and `bias[out]`, a Conv2d's `weight[out][in][k][k]`, a batch norm's `weight`,
 * `bias`, `runningMean` and `runningVar` of one value per channel.
 * Read through a Map into an object without a prototype: a node may be called `__proto__`, a key
 * that z.record skips and that a plain object's setter would take for its prototype.
 */
export const weightsSchema = z
  .preprocess(
    (raw) =>
      typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !(raw instanceof Map)
        ? new Map(Object.entries(raw))
        : raw,
    z.map(z.string(), layerWeightsSchema, {
      error: 'expected an object with the weights of each layer, by node id',
    }),
  )
  .transform((byId) => {
    const weights: Record<string, LayerWeights> = Object.create(null);
    for (const [id, entry] of byId) weights[id] = entry;
    return weights;
  });

/**
 * The metrics a goal, a hand-in and a run name: those of the model file's `metrics` (`loss` is the
 * last epoch's mean training loss, `valLoss` its validation loss, `accuracy` its accuracy).
 */
export const RUN_METRICS = ['loss', 'valLoss', 'accuracy'] as const;
export type RunMetric = (typeof RUN_METRICS)[number];

/** The settings an assignment can lock: a student's project must keep the assignment's value. */
export const LOCKABLE_SETTINGS = [
  'dataset',
  'loss',
  'optimizer',
  'batchSize',
  'epochs',
  'normalize',
  'validationSplit',
  'seed',
] as const;
export type LockableSetting = (typeof LOCKABLE_SETTINGS)[number];

/** Size limits of the classroom sections, so that a crafted file cannot make the app crawl. */
export const CLASSROOM_LIMITS = {
  title: 200,
  instructions: 10_000,
  /** Runs a project keeps: the oldest goes first. */
  runs: 20,
  /** Points of a kept loss curve: one per epoch, the last ones kept beyond this. */
  curve: 1_000,
} as const;

const goalSchema = z
  .object({
    metric: z.enum(RUN_METRICS),
    atMost: z.number().finite().optional(),
    atLeast: z.number().finite().optional(),
  })
  .refine((goal) => goal.atMost !== undefined || goal.atLeast !== undefined, {
    error: 'a goal needs "atMost" or "atLeast": the value the metric must reach',
  });

/** An assignment: a project a teacher hands out, with its goal and limits (docs/DESIGN.md). */
export const assignmentSchema = z.object({
  title: z.string().trim().min(1).max(CLASSROOM_LIMITS.title),
  instructions: z.string().max(CLASSROOM_LIMITS.instructions).default(''),
  goal: goalSchema,
  maxParameters: z.number().int().min(1).optional(),
  allowedKinds: z.array(z.enum(NODE_KINDS)).min(1).optional(),
  locked: z.array(z.enum(LOCKABLE_SETTINGS)).optional(),
});

/** A run's final metrics: those it measured (a run without validation has no `valLoss`). */
export const runMetricsSchema = z.object({
  loss: z.number().finite().optional(),
  valLoss: z.number().finite().optional(),
  accuracy: z.number().finite().optional(),
});

/** One epoch of a loss curve: its mean training loss, and what else it measured. */
const curvePointSchema = z.object({
  epoch: z.number().int().min(1),
  loss: z.number().finite(),
  valLoss: z.number().finite().optional(),
  accuracy: z.number().finite().optional(),
});

const backendSchema = z.enum(['webgpu', 'cpu']);

/** A hand-in's claim: what the student's own run measured, when, where, and its loss curve. */
export const handInRunSchema = z.object({
  metrics: runMetricsSchema,
  epochs: z.number().int().min(0),
  backend: backendSchema,
  at: z.iso.datetime(),
  app: z.string().max(100),
  history: z.array(curvePointSchema).max(CLASSROOM_LIMITS.curve).default([]),
});

/** A run in a project's history: what it trained (graph, data, settings) and what it measured. */
export const runRecordSchema = z.object({
  /** The run's number in the project ("Run 3"), kept when older runs are forgotten. */
  number: z.number().int().min(1).optional(),
  at: z.iso.datetime(),
  durationMs: z.number().finite().min(0),
  backend: backendSchema,
  outcome: z.enum(['completed', 'stopped', 'diverged']),
  graph: graphSchema,
  dataset: datasetRefSchema,
  training: trainingSchema,
  metrics: runMetricsSchema,
  history: z.array(curvePointSchema).max(CLASSROOM_LIMITS.curve),
});

export const projectSchema = z.object({
  format: z.literal(PROJECT_FORMAT),
  version: z.literal(PROJECT_VERSION),
  name: z.string().optional(),
  graph: graphSchema,
  dataset: datasetRefSchema,
  training: trainingSchema,
  weights: weightsSchema.optional(),
  assignment: assignmentSchema.optional(),
  run: handInRunSchema.optional(),
  runs: z.array(runRecordSchema).max(CLASSROOM_LIMITS.runs).optional(),
});

export type Position = z.infer<typeof positionSchema>;
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type Graph = z.infer<typeof graphSchema>;
export type DatasetRef = z.infer<typeof datasetRefSchema>;
export type OptimizerSettings = z.infer<typeof optimizerSchema>;
export type LossName = (typeof LOSSES)[number];
export type Normalization = (typeof NORMALIZATIONS)[number];
export type TrainingSettings = z.infer<typeof trainingSchema>;
export type LrSchedule = z.infer<typeof scheduleSchema>;
export type EarlyStopping = z.infer<typeof earlyStoppingSchema>;
export type MissingPolicy = (typeof MISSING_POLICIES)[number];
export type InitialWeights = z.infer<typeof weightsSchema>;
export type Project = z.infer<typeof projectSchema>;
export type Assignment = z.infer<typeof assignmentSchema>;
export type Goal = Assignment['goal'];
export type RunMetrics = z.infer<typeof runMetricsSchema>;
export type CurvePoint = z.infer<typeof curvePointSchema>;
export type HandInRun = z.infer<typeof handInRunSchema>;
export type RunRecord = z.infer<typeof runRecordSchema>;

/**
 * The share of a dataset's rows held out as its test split: a CSV's or image folder's `testSplit`
 * (cut from the same rows as training); 0 for the others (a built-in's test set is its own files).
 */
export function testSplitOf(ref: DatasetRef): number {
  return ref.source === 'csv' || ref.source === 'folder' ? (ref.testSplit ?? 0) : 0;
}
