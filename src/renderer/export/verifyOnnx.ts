import {
  compareOutputs,
  createPredictor,
  type ModelFile,
  ONNX_INPUT,
  ONNX_OUTPUT,
  type OutputDifference,
  sampleInputs,
} from '../../engine';

/** Samples in the check: enough to meet every class and sign, few enough to take milliseconds. */
const SAMPLES = 32;

/**
 * Loads an ONNX export back with onnxruntime-web (its WebAssembly backend, one thread: the app
 * is not cross-origin isolated) and runs it and the app's own model on the same seeded batch of
 * raw inputs. The runtime is imported on first use, so the app does not load it until an export.
 *
 * @example
 * const { max } = await verifyOnnx(bytes, file); // 2e-7
 */
export async function verifyOnnx(bytes: Uint8Array, file: ModelFile): Promise<OutputDifference> {
  const ort = await import('onnxruntime-web/wasm');
  ort.env.wasm.numThreads = 1;
  const raw = sampleInputs(file, SAMPLES);
  const session = await ort.InferenceSession.create(bytes);
  try {
    const input = new ort.Tensor('float32', raw, [SAMPLES, ...file.inputShape]);
    const result = await session.run({ [ONNX_INPUT]: input });
    const output = result[ONNX_OUTPUT]?.data;
    if (!(output instanceof Float32Array)) throw new Error('the ONNX model gave no float output');
    return compareOutputs(output, createPredictor(file).predict(raw, SAMPLES));
  } finally {
    await session.release();
  }
}

const short = (n: number) => (n === 0 ? '0' : n.toExponential(0));

/**
 * The sentence the app shows: `ONNX export verified: max difference 2e-7`. Large outputs (crop
 * yields of about 100) can differ by a float32 rounding of more than 1e-5: the relative
 * difference is given then, and is what must stay below 1e-5.
 */
export function verificationText({ max, scaled }: OutputDifference): string {
  const relative = max > scaled ? ` (relative ${short(scaled)})` : '';
  return scaled < 1e-5
    ? `ONNX export verified: max difference ${short(max)}${relative}`
    : `ONNX export differs from the app's model: max difference ${short(max)}${relative}, expected below 1e-5`;
}
