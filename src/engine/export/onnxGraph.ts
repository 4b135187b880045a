/**
 * The pieces an ONNX graph is made of, as protobuf messages for protoEncode: float32 initializers,
 * typed inputs and outputs, attributes, and a builder that chains nodes and names each value once.
 * onnx.ts uses them to write a model's graph.
 */
import { ATTRIBUTE_TYPE, ONNX_FLOAT } from './onnxSchema';
import type { ProtoMessage } from './protoEncode';

/**
 * A node or value name made from any text (a graph node's id): ONNX's IR asks names to be C90
 * identifiers, so every character but ASCII letters, digits and `_` becomes `_`, and a name
 * starting with a digit gets a `_` first. The id itself stays in the node's documentation.
 *
 * @example
 * onnxName('hidden 1 (ReLU)'); // 'hidden_1__ReLU_'
 */
export function onnxName(text: string): string {
  const name = text.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

/** The names of the model's input and output values: fixed, for those who run the model. */
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';

/** A float32 tensor in the graph's initializers: little-endian bytes, as ONNX stores `raw_data`. */
function floatTensor(
  name: string,
  dims: readonly number[],
  values: ArrayLike<number>,
): ProtoMessage {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return { name, dims: [...dims], dataType: ONNX_FLOAT, rawData: bytes };
}

/** `[batch, ...shape]` float tensor type; the batch size is left free (`dim_param`). */
export function valueInfo(name: string, shape: readonly number[], doc: string): ProtoMessage {
  const dim = [{ dimParam: 'batch' }, ...shape.map((n) => ({ dimValue: n }))];
  return { name, docString: doc, type: { tensorType: { elemType: ONNX_FLOAT, shape: { dim } } } };
}

export const floatAttribute = (name: string, f: number) => ({
  name,
  f,
  type: ATTRIBUTE_TYPE.FLOAT,
});
export const intAttribute = (name: string, i: number) => ({ name, i, type: ATTRIBUTE_TYPE.INT });
export const intsAttribute = (name: string, ints: readonly number[]) => ({
  name,
  ints,
  type: ATTRIBUTE_TYPE.INTS,
});

/** Nodes and initializers as the graph grows, each value named once. */
export class GraphBuilder {
  readonly nodes: ProtoMessage[] = [];
  readonly initializers: ProtoMessage[] = [];
  private readonly names = new Set([ONNX_INPUT, ONNX_OUTPUT]);
  current = ONNX_INPUT;

  unique(base: string): string {
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}_${n}`;
    this.names.add(name);
    return name;
  }

  constant(base: string, dims: readonly number[], values: ArrayLike<number>): string {
    const name = this.unique(base);
    this.initializers.push(floatTensor(name, dims, values));
    return name;
  }

  /** Names the last value `output` (an Identity when there is no node at all). */
  finish(): void {
    const last = this.nodes.at(-1) as { output: string[] } | undefined;
    if (!last) {
      this.nodes.push({
        input: [ONNX_INPUT],
        output: [ONNX_OUTPUT],
        name: ONNX_OUTPUT,
        opType: 'Identity',
      });
      return;
    }
    last.output = [ONNX_OUTPUT];
  }

  /**
   * Appends `opType` applied to the current value (and `extra` inputs); its output is current.
   * `doc` becomes the node's documentation string.
   */
  node(
    opType: string,
    base: string,
    extra: string[] = [],
    attribute: ProtoMessage[] = [],
    doc?: string,
  ): void {
    const output = this.unique(base);
    this.nodes.push({
      input: [this.current, ...extra],
      output: [output],
      name: output,
      opType,
      ...(attribute.length > 0 ? { attribute } : {}),
      ...(doc === undefined ? {} : { docString: doc }),
    });
    this.current = output;
  }
}
