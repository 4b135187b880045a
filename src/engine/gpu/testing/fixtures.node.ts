import type { Dataset } from '../../data/dataset';
import { layerTensors } from '../../model/layers';
import type { ModelParams, ModelSpec } from '../../model/spec';
import { randomArray } from './runProgram.node';

/** Parameters for every Linear of `model`, uniform in ±1/sqrt(in) like PyTorch's default init. */
export function randomParams(model: ModelSpec, seed: number): ModelParams {
  return model.layers.flatMap((layer, i) => {
    const tensors = layerTensors(layer);
    if (!tensors) return [];
    const { weight, bias, runningMean, runningVar } = tensors.shapes;
    const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
    const at = seed + 31 * i;
    if (runningMean && runningVar) {
      // A batch norm somewhere into training: scales near 1, statistics away from 0 and 1.
      return [
        {
          weight: randomArray(size(weight), at, 0.5, 1.5),
          bias: randomArray(size(bias), at + 7, -0.5, 0.5),
          runningMean: randomArray(size(runningMean), at + 11, -0.5, 0.5),
          runningVar: randomArray(size(runningVar), at + 13, 0.5, 2),
        },
      ];
    }
    const bound = 1 / Math.sqrt(size(weight.slice(1)));
    return [
      {
        weight: randomArray(size(weight), at, -bound, bound),
        bias: randomArray(size(bias), at + 7, -bound, bound),
      },
    ];
  });
}

export function regressionData(
  count: number,
  features: number,
  targets: number,
  seed: number,
): Dataset {
  return {
    name: 'random regression',
    count,
    sampleShape: [features],
    x: randomArray(count * features, seed),
    targets: {
      task: 'regression',
      values: randomArray(count * targets, seed + 1, -2, 2),
      size: targets,
      names: Array.from({ length: targets }, (_, i) => `t${i}`),
    },
    featureNames: Array.from({ length: features }, (_, i) => `f${i}`),
  };
}

export function classificationData(
  count: number,
  shape: readonly number[],
  classes: number,
  seed: number,
): Dataset {
  const features = shape.reduce((a, b) => a * b, 1);
  const labels = Int32Array.from(randomArray(count, seed + 1, 0, classes), (v) => Math.floor(v));
  return {
    name: 'random classes',
    count,
    sampleShape: shape,
    x: randomArray(count * features, seed, 0, 1),
    targets: {
      task: 'classification',
      labels,
      classes: Array.from({ length: classes }, (_, i) => `c${i}`),
    },
    featureNames: [],
  };
}

/** Largest |a - b| / max(|b|, floor) over two parameter sets. */
export function paramsError(
  a: ModelParams,
  b: readonly {
    weight: ArrayLike<number>;
    bias: ArrayLike<number>;
    runningMean?: ArrayLike<number>;
    runningVar?: ArrayLike<number>;
  }[],
  floor = 1e-2,
): number {
  let worst = 0;
  a.forEach((p, l) => {
    for (const key of ['weight', 'bias', 'runningMean', 'runningVar'] as const) {
      const y = b[l]![key];
      if (!y) continue;
      const x = p[key];
      if (!x) throw new Error(`layer ${l} has no ${key}`);
      for (let i = 0; i < y.length; i++) {
        worst = Math.max(worst, Math.abs(x[i]! - y[i]!) / Math.max(Math.abs(y[i]!), floor));
      }
    }
  });
  return worst;
}
