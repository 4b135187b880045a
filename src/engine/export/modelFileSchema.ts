import { z } from 'zod';
import type { NodeKind } from '../../shared/nodeKinds';
import { float32Schema, limitsSchema } from '../../shared/numberLimits';
import { datasetRefSchema, trainingSchema } from '../../shared/project';
import { nodeDefinition } from '../model/nodes';

/**
 * The model file (`*.model.json`, "export as JSON") of docs/DESIGN.md: the trained Sequential
 * model with its weights in PyTorch's layout, what was done to raw inputs, how it was trained and
 * what it measured. Written by `layerboard train` and the app, read by `eval`, `predict`, `export`.
 * This is its shape; modelFileChecks.ts checks that its parts fit together.
 */
export const MODEL_FORMAT = 'layerboard/model';
export const MODEL_VERSION = 1;

const finite = float32Schema;
const size = z.number().int().positive();
const nodeId = z.string().min(1).optional();

/**
 * Lists of numbers (weights, biases, statistics), whose numbers the model checks read in one loop:
 * zod would take fifteen times as long over millions of weights.
 */
const numbers = z.custom<number[]>(Array.isArray, { error: 'expected a list of numbers' });
const matrix = z.custom<number[][]>(Array.isArray, {
  error: 'expected a list of rows of numbers',
});
const tensor4 = z.custom<number[][][][]>(Array.isArray, {
  error: 'expected nested lists of numbers, [outChannels][inChannels][kernelSize][kernelSize]',
});

/** A node parameter's field, with the limits its node kind gives it (one home per rule). */
function param(kind: NodeKind, key: string) {
  return limitsSchema(nodeDefinition(kind).params.find((d) => d.key === key)!);
}

const pool = (kind: 'maxPool2d' | 'avgPool2d') =>
  z.object({
    kind: z.literal(kind),
    nodeId,
    kernelSize: param(kind, 'kernelSize'),
    stride: param(kind, 'stride'),
  });
const batchNorm = (kind: 'batchNorm2d' | 'batchNorm1d') =>
  z.object({
    kind: z.literal(kind),
    nodeId,
    numFeatures: size,
    momentum: param(kind, 'momentum'),
    eps: param(kind, 'eps'),
    weight: numbers,
    bias: numbers,
    runningMean: numbers,
    runningVar: numbers,
  });

const layerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('linear'),
    nodeId,
    inFeatures: size,
    outFeatures: size,
    /** `[outFeatures][inFeatures]`, as nn.Linear.weight. */
    weight: matrix,
    bias: numbers,
  }),
  z.object({ kind: z.literal('flatten'), nodeId }),
  z.object({ kind: z.literal('relu'), nodeId }),
  z.object({ kind: z.literal('sigmoid'), nodeId }),
  z.object({ kind: z.literal('tanh'), nodeId }),
  z.object({ kind: z.literal('leakyRelu'), nodeId, negativeSlope: finite.min(0) }),
  z.object({ kind: z.literal('softmax'), nodeId }),
  z.object({ kind: z.literal('dropout'), nodeId, p: finite.min(0).lt(1) }),
  z.object({
    kind: z.literal('conv2d'),
    nodeId,
    inChannels: size,
    outChannels: param('conv2d', 'outChannels'),
    kernelSize: param('conv2d', 'kernelSize'),
    stride: param('conv2d', 'stride'),
    padding: param('conv2d', 'padding'),
    /** `[outChannels][inChannels][kernelSize][kernelSize]`, as nn.Conv2d.weight. */
    weight: tensor4,
    bias: numbers,
  }),
  pool('maxPool2d'),
  pool('avgPool2d'),
  batchNorm('batchNorm2d'),
  batchNorm('batchNorm1d'),
]);

const preprocessingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('standardize'), mean: numbers, std: numbers }),
  z.object({ kind: z.literal('minmax'), min: numbers, max: numbers }),
]);
/** How a table's column becomes inputs (data/tableEncoding.ts): its kind, categories and fill. */
const columnEncodingSchema = z.discriminatedUnion('kind', [
  z.object({ name: z.string(), kind: z.literal('number'), fill: finite.optional() }),
  z.object({
    name: z.string(),
    kind: z.literal('category'),
    categories: z.array(z.string()).min(1).readonly(),
    fill: z.string().optional(),
  }),
  z.object({
    name: z.string(),
    kind: z.literal('date'),
    fill: z.tuple([finite, finite, finite]).readonly().optional(),
  }),
]);
const rawInputSchema = z.object({
  imageScale: finite.positive().optional(),
  features: z.array(z.string()).readonly().optional(),
  columns: z.array(columnEncodingSchema).readonly().optional(),
});

const count = z.number().int().min(0);
const measuredOn = z.enum(['validation', 'training']);

const epochMetricsSchema = z.object({
  epoch: size,
  loss: finite,
  valLoss: finite.optional(),
  accuracy: finite.optional(),
  /** The epoch's `[true][predicted]` counts, on the split `metrics.classification.on` names. */
  confusionMatrix: z.array(z.array(count)).optional(),
});

/** Definitions in docs/DESIGN.md ("Metrics"), as scikit-learn's; engine/metrics.ts computes them. */
const classificationMetricsSchema = z.object({
  /** The app grades the split it shows: the test split when the data has one. */
  on: z.enum(['test', 'validation', 'training']),
  classes: z.array(
    z.object({ name: z.string(), precision: finite, recall: finite, f1: finite, support: count }),
  ),
  macro: z.object({ precision: finite, recall: finite, f1: finite }),
});
const regressionMetricsSchema = z.object({
  on: measuredOn,
  targets: z.array(
    z.object({ name: z.string(), r2: finite.optional(), mae: finite, rmse: finite }),
  ),
});

export const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  name: z.string().optional(),
  inputShape: z.array(size).min(1),
  layers: z.array(layerSchema).min(1),
  task: z.enum(['regression', 'classification']),
  /** Class names in label order (classification). */
  classes: z.array(z.string()).optional(),
  /** Target column names (regression). */
  targets: z.array(z.string()).optional(),
  preprocessing: z.intersection(rawInputSchema, preprocessingSchema),
  training: trainingSchema.extend({
    dataset: datasetRefSchema,
    backend: z.enum(['webgpu', 'cpu']).optional(),
  }),
  metrics: z.object({
    epochs: z.number().int().min(0),
    loss: finite.optional(),
    valLoss: finite.optional(),
    accuracy: finite.optional(),
    accuracyOn: measuredOn.optional(),
    /** The last epoch's per-class metrics and macro averages (files since December 2026). */
    classification: classificationMetricsSchema.optional(),
    /** The last epoch's metrics per target column (files since December 2026). */
    regression: regressionMetricsSchema.optional(),
    history: z.array(epochMetricsSchema).optional(),
  }),
});

export type ModelFile = z.infer<typeof modelFileSchema>;
export type ClassificationSummary = Omit<z.infer<typeof classificationMetricsSchema>, 'on'>;
export type RegressionSummary = Omit<z.infer<typeof regressionMetricsSchema>, 'on'>;
export type ModelFileLayer = ModelFile['layers'][number];
