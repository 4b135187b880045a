import { Network } from '../cpu/network';
import { applyPreprocessing } from '../data/normalize';
import type { ModelFile } from './modelFile';
import { modelFromFile } from './modelFile';

/** A model file, ready to predict: its layers on the CPU reference backend. */
export interface Predictor {
  readonly file: ModelFile;
  /** Values per sample of raw input. */
  readonly inputSize: number;
  /** Values per sample of output: one per class or per target. */
  readonly outputSize: number;
  /**
   * Outputs for `count` samples of raw inputs (CSV numbers, image bytes 0..255; row-major),
   * `[count][outputSize]`: the preprocessing, then the forward pass in eval mode, as after
   * PyTorch's `model.eval()` (Dropout is the identity, batch norm normalises by its running
   * statistics). Images come channels first and row by row, `[1, rows, cols]` or the `[rows, cols]`
   * of older model files alike: the same values in the same order.
   */
  predict(raw: ArrayLike<number>, count: number): Float32Array;
}

/**
 * What the app's model computes from raw data, on the CPU reference (float32 values, float64
 * sums): what `layerboard predict` prints and what the exports are checked against.
 *
 * @example
 * const y = createPredictor(file).predict([73, 67, 43], 1); // apples, oranges
 */
export function createPredictor(file: ModelFile): Predictor {
  const { model, params } = modelFromFile(file);
  const network = new Network(model, params, file.training.seed);
  const inputSize = model.inputShape.reduce((a, b) => a * b, 1);
  let shape: readonly number[] = model.inputShape;
  for (const layer of network.layers) shape = layer.outputShape(shape);
  const outputSize = shape.reduce((a, b) => a * b, 1);
  return {
    file,
    inputSize,
    outputSize,
    predict(raw, count) {
      if (raw.length !== count * inputSize) {
        throw new RangeError(
          `predict: ${raw.length} values are not ${count} samples of ${inputSize}`,
        );
      }
      if (count === 0) return new Float32Array(0);
      const x = applyPreprocessing(raw, file.preprocessing);
      return network.forward(x, count, { training: false, step: 0 }).slice();
    },
  };
}
