import type { Dataset } from '../../data/dataset';
import type { ModelParams, ModelSpec } from '../../model/spec';
import { randomArray } from './runProgram.node';

/** Parameters for every Linear of `model`, uniform in ±1/sqrt(in) like PyTorch's default init. */
export function randomParams(model: ModelSpec, seed: number): ModelParams {
  return model.layers.flatMap((layer, i) => {
    if (layer.kind !== 'linear') return [];
    const bound = 1 / Math.sqrt(layer.inFeatures);
    return [
      {
        weight: randomArray(layer.inFeatures * layer.outFeatures, seed + 31 * i, -bound, bound),
        bias: randomArray(layer.outFeatures, seed + 31 * i + 7, -bound, bound),
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
  b: readonly { weight: ArrayLike<number>; bias: ArrayLike<number> }[],
  floor = 1e-2,
): number {
  let worst = 0;
  a.forEach((p, l) => {
    for (const key of ['weight', 'bias'] as const) {
      const x = p[key];
      const y = b[l]![key];
      for (let i = 0; i < y.length; i++) {
        worst = Math.max(worst, Math.abs(x[i]! - y[i]!) / Math.max(Math.abs(y[i]!), floor));
      }
    }
  });
  return worst;
}
