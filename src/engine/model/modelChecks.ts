/**
 * Checks of the whole model against the dataset and the loss, made once the wiring and the shapes
 * are known: the loss must suit the targets, the last layer must give as many outputs as the data
 * has targets or classes, and some layer orders earn advice. compile.ts runs them after it has
 * parsed the graph and inferred its shapes.
 */

import { countOf } from '../../shared/plural';
import type { GraphNode, LossName } from '../../shared/project';
import type { DataShape } from './dataShape';
import { layerShapes } from './layers';
import type { Problem } from './problems';
import { batchShapeText, shapeSize } from './shapeText';
import { foldsFinalSoftmax, SOFTMAX_FOLDED_MESSAGE } from './softmaxFold';
import type { ModelSpec } from './spec';

export function lossProblems(loss: LossName, data: DataShape): Problem[] {
  if (loss === 'cross-entropy' && data.task === 'regression') {
    return [
      {
        severity: 'error',
        message:
          'cross-entropy needs class labels but this dataset has numeric targets (regression): choose the MSE loss',
      },
    ];
  }
  if (loss === 'mse' && data.task === 'classification') {
    return [
      {
        severity: 'error',
        message:
          "MSE needs numeric targets but this dataset has class labels (PyTorch's nn.MSELoss would need them one-hot encoded): choose the cross-entropy loss",
      },
    ];
  }
  return [];
}

export function outputProblem(
  chain: readonly GraphNode[],
  shape: readonly number[],
  data: DataShape,
) {
  const wanted =
    data.task === 'classification'
      ? countOf(data.outputs, 'class', 'classes')
      : countOf(data.outputs, 'target');
  const n = data.outputs.toLocaleString('en-US');
  const last = chain[chain.length - 1]!;
  if (shape.length !== 1) {
    return {
      nodeId: last.id,
      severity: 'error' as const,
      message: `the model ends with ${batchShapeText(shape)} but the dataset has ${wanted}: end with a Flatten and a Linear whose Out features is ${n}`,
    };
  }
  if (shape[0] === data.outputs) return undefined;
  const lastLinear = [...chain].reverse().find((n) => n.kind === 'linear');
  return lastLinear
    ? {
        nodeId: lastLinear.id,
        severity: 'error' as const,
        message: `the last Linear gives ${countOf(shape[0]!, 'output')} but the dataset has ${wanted}: set its Out features to ${n}`,
      }
    : {
        nodeId: last.id,
        severity: 'error' as const,
        message: `the model gives ${countOf(shape[0]!, 'output')} but the dataset has ${wanted}: add a Linear whose Out features is ${n} at the end`,
      };
}

/** Advice that does not stop training: patterns that work against the student. */
export function chainAdvice(chain: readonly GraphNode[], loss: LossName): Problem[] {
  const advice: Problem[] = [];
  chain.forEach((node, i) => {
    const next = chain[i + 1];
    if (node.kind === 'linear' && next?.kind === 'linear') {
      advice.push({
        nodeId: next.id,
        severity: 'warning',
        message:
          'two Linear layers in a row act like a single one: put an activation such as ReLU between them',
      });
    }
    if (node.kind === 'softmax' && next !== undefined) {
      advice.push({
        nodeId: node.id,
        severity: 'warning',
        message:
          'Softmax belongs at the end, where it turns scores into probabilities; in the middle it squashes the values the next layers learn from',
      });
    }
    if (node.kind === 'dropout' && next === undefined) {
      advice.push({
        nodeId: node.id,
        severity: 'warning',
        message: 'Dropout as the last layer drops outputs the loss needs: move it between layers',
      });
    }
  });
  const last = chain.at(-1);
  if (last && foldsFinalSoftmax(loss, chain)) {
    advice.push({ nodeId: last.id, severity: 'info', message: SOFTMAX_FOLDED_MESSAGE });
  }
  return advice;
}

/**
 * A batch norm that would see a batch of one sample with one value per channel (BatchNorm1d, or
 * BatchNorm2d on 1 x 1 images): its batch variance is undefined, and PyTorch refuses such a
 * training batch ("Expected more than 1 value per channel"). Happens when the epoch's last batch
 * holds one sample: `rows` samples in batches of `batchSize`.
 */
export function batchNormBatchProblem(
  model: ModelSpec,
  batchSize: number,
  rows: number | undefined,
): Problem | undefined {
  if (rows === undefined || rows === 0) return undefined;
  const full = Math.min(batchSize, rows);
  const last = rows % full || full;
  if (last !== 1) return undefined;
  const shapes = layerShapes(model);
  const norm = model.layers.find(
    (layer, i) =>
      (layer.kind === 'batchNorm1d' || layer.kind === 'batchNorm2d') &&
      shapeSize(shapes[i]!) === shapes[i]![0],
  );
  if (!norm) return undefined;
  const batches = full === 1 ? 'every batch holds' : `the last batch of each epoch holds`;
  return {
    nodeId: norm.nodeId,
    severity: 'error',
    message: `${batches} 1 sample (${countOf(rows, 'row')} in batches of ${full}), and batch norm cannot normalise one value per channel (PyTorch refuses it too): change Batch size so that no batch holds a single sample`,
  };
}
