import { describe, expect, it } from 'vitest';
import { cropsModel, imageModel, minmaxModel } from './fixtures/models';
import { modelToOnnx } from './onnx';
import { modelProtoType } from './onnxSchema';
import { encodeMessage } from './protoEncode';

const type = modelProtoType();

describe('encodeMessage', () => {
  it("writes the bytes of protobufjs's own generated encoder", () => {
    for (const file of [cropsModel, imageModel, minmaxModel]) {
      const bytes = modelToOnnx(file, '0.1.0');
      // Decode with protobufjs's reflection, then encode with its generated code (Node allows
      // `new Function`): the same message must give the same bytes.
      const message = type.decode(bytes);
      expect(Buffer.from(type.encode(message).finish()).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('packs repeated numbers, writes enums as varints, and leaves absent fields out', () => {
    const attribute = type.lookupType('onnx.AttributeProto');
    const mine = encodeMessage(attribute, { name: 'perm', ints: [1, 0, 300], type: 7 });
    const theirs = attribute.encode(
      attribute.fromObject({ name: 'perm', ints: [1, 0, 300], type: 7 }),
    );
    expect([...mine]).toEqual([...theirs.finish()]);
    expect([...encodeMessage(attribute, {})]).toEqual([]);
  });
});
