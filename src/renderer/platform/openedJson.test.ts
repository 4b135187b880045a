import { describe, expect, it } from 'vitest';
import { exportModel, modelFileText } from '../../engine';
import { cropsModel } from '../../engine/export/fixtures/models';
import { openedJsonText, seemsToBe } from './openedJson';
import type { OpenedFile } from './platform';

const utf8 = (text: string) => new TextEncoder().encode(text);

function file(name: string, bytes: Uint8Array): OpenedFile {
  return { name, text: async () => new TextDecoder().decode(bytes), bytes: async () => bytes };
}

describe('seemsToBe', () => {
  it("knows the app's own exports that are not JSON", () => {
    const onnx = exportModel(cropsModel, 'onnx', 'crops.onnx') as Uint8Array;
    expect(seemsToBe(onnx)?.what).toMatch(/^an ONNX model/);
    // PyTorch's own exporter: ir_version 7, then producer_name "pytorch".
    expect(seemsToBe(Uint8Array.of(0x08, 0x07, 0x12, 0x07, 0x70, 0x79))?.what).toMatch(/ONNX/);
    const script = exportModel(cropsModel, 'pytorch', 'crops.py') as string;
    expect(seemsToBe(utf8(script))?.what).toMatch(/^a Python script/);
  });

  it('tells images, tables, binary data and markup from JSON', () => {
    expect(seemsToBe(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 13, 10))?.what).toBe('a PNG image');
    expect(seemsToBe(utf8('temp,rain\n73,67\n'))).toEqual({
      what: 'a table of values (CSV)',
      elsewhere: expect.stringContaining('Dataset panel'),
    });
    expect(seemsToBe(Uint8Array.of(0xc3, 0x28, 0x41))?.what).toMatch(/not UTF-8/);
    expect(seemsToBe(utf8('ab\u0001\u0002cd'))?.what).toBe('binary data');
    expect(seemsToBe(utf8('<!doctype html>'))?.what).toMatch(/HTML/);
    expect(seemsToBe(utf8('  \n'))?.what).toBe('an empty file');
  });

  it('leaves JSON, and text it cannot place, to the JSON parser', () => {
    expect(seemsToBe(utf8(modelFileText(cropsModel)))).toBeUndefined();
    expect(seemsToBe(utf8('\ufeff [1, 2]'))).toBeUndefined();
    expect(seemsToBe(utf8('hello'))).toBeUndefined();
  });
});

describe('openedJsonText', () => {
  it('gives the text of a JSON file', async () => {
    const text = modelFileText(cropsModel);
    expect(await openedJsonText(file('c.model.json', utf8(text)), 'model')).toEqual({
      ok: true,
      text,
    });
  });

  it('says an ONNX export is one, and to open its .model.json, without quoting its bytes', async () => {
    const onnx = exportModel(cropsModel, 'onnx', 'crops.onnx') as Uint8Array;
    const result = await openedJsonText(file('crops.onnx', onnx), 'project or model');
    expect(result).toEqual({
      ok: false,
      error:
        "it looks like an ONNX model (as the app's ONNX export writes), not a Layerboard project or model file. Open a project (.layerboard.json), or a model file (.model.json) to predict with.",
    });
    const model = await openedJsonText(file('crops.onnx', onnx), 'model');
    expect(model.ok || model.error).toMatch(/Open the model's .model.json instead/);
  });

  it('points a CSV table to the dataset import', async () => {
    const result = await openedJsonText(file('farms.csv', utf8('a,b\n1,2\n')), 'model');
    expect(result.ok || result.error).toMatch(/CSV\).*Datasets are imported in the Dataset panel/);
  });
});
