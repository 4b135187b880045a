import { describe, expect, it } from 'vitest';
import { createPredictor, imageSize, modelFileText } from '../../engine';
import { ALL_MODELS, cnnModel, cropsModel, imageModel } from '../../engine/export/fixtures/models';
import type { Platform, SaveRequest } from '../platform/platform';
import { createExportStore, type ExportDeps } from './exportStore';
import { verificationText, verifyOnnx } from './verifyOnnx';

/** A platform that records what it was asked to save, and answers open with `opened`. */
function fakePlatform(opened?: { name: string; text: string; bytes?: Uint8Array }) {
  const saved: SaveRequest[] = [];
  const platform = {
    kind: 'browser',
    isMac: false,
    saveFile: async (request: SaveRequest) => {
      saved.push(request);
      return { name: request.suggestedName };
    },
    openFile: async () =>
      opened && {
        name: opened.name,
        text: async () => opened.text,
        bytes: async () => opened.bytes ?? new TextEncoder().encode(opened.text),
      },
    openFiles: async () => [],
    storage: { get: () => null, set: () => undefined },
  } as Platform;
  return { platform, saved };
}

function store(changes: Partial<ExportDeps> = {}) {
  const notices: string[] = [];
  const s = createExportStore({
    modelFile: async () => cropsModel,
    projectName: () => 'Crop yields',
    verifyOnnx,
    verificationText,
    notify: (tone, text) => notices.push(`${tone}: ${text}`),
    ...changes,
  });
  return { s, notices };
}

describe('the export store', () => {
  it('saves the model JSON under the project’s name', async () => {
    const { s } = store();
    const { platform, saved } = fakePlatform();
    await s.getState().exportAs(platform, 'json');
    expect(saved[0]?.suggestedName).toBe('crop-yields.model.json');
    expect(saved[0]?.data).toBe(modelFileText(cropsModel));
    expect(s.getState().status).toEqual({ tone: 'info', text: 'Exported crop-yields.model.json' });
  });

  it('saves a PyTorch script whose module is named for the file', async () => {
    const { s } = store();
    const { platform, saved } = fakePlatform();
    await s.getState().exportAs(platform, 'pytorch');
    expect(saved[0]?.suggestedName).toBe('crop_yields.py');
    expect(saved[0]?.data).toContain('from crop_yields import model');
  });

  it.each(Object.entries(ALL_MODELS))(
    'verifies an ONNX export in onnxruntime-web and says by how much it differs (%s)',
    async (_, file) => {
      const { s, notices } = store({ modelFile: async () => file });
      const { platform, saved } = fakePlatform();
      await s.getState().exportAs(platform, 'onnx');
      expect(saved[0]?.data).toBeInstanceOf(Uint8Array);
      expect(s.getState().status?.tone).toBe('info');
      expect(s.getState().status?.text).toMatch(/ONNX export verified: max difference (0|\de-\d+)/);
      expect(notices).toHaveLength(1);
    },
  );

  it('says why when there is nothing to export', async () => {
    const { s } = store({
      modelFile: () => Promise.reject(new Error('Train the model first')),
    });
    await s.getState().exportAs(fakePlatform().platform, 'onnx');
    expect(s.getState().status).toEqual({
      tone: 'error',
      text: 'Export failed: Train the model first',
    });
    expect(s.getState().busy).toBe(false);
  });

  it('opens a model file to predict with, and refuses a damaged one naming the field', async () => {
    const { s } = store();
    await s
      .getState()
      .openModel(fakePlatform({ name: 'c.model.json', text: modelFileText(cropsModel) }).platform);
    const opened = s.getState().opened;
    expect(opened?.predictor.predict([73, 67, 43], 1)).toHaveLength(2);
    s.getState().closeModel();
    s.getState().openModelText('bad.model.json', '{"format": "layerboard/model", "version": 1}');
    expect(s.getState().opened).toBeUndefined();
    expect(s.getState().status?.text).toMatch(/^Could not open bad.model.json: inputShape/);
  });

  it.each([
    ['channels first, [1, 12, 12]', cnnModel, 12],
    ['as before channels, [4, 4]', imageModel, 4],
  ])(
    'opens an image model (%s) whose grey image of rows x cols bytes is its whole input',
    (_, file, side) => {
      const { s } = store();
      s.getState().openModelText('images.model.json', modelFileText(file));
      const opened = s.getState().opened!;
      // What the dialog draws: imageSize, never the shape's first two numbers.
      expect(imageSize(opened.file.inputShape)).toEqual({ channels: 1, height: side, width: side });
      expect(opened.predictor.inputSize).toBe(side * side);
      const pixels = Uint8ClampedArray.from({ length: side * side }, (_, i) => (i * 37) % 256);
      const outputs = opened.predictor.predict(pixels, 1);
      expect(outputs).toHaveLength(3);
      expect(outputs).toEqual(createPredictor(file).predict(pixels, 1));
    },
  );

  it('says what a file that is not a model file seems to be, instead of quoting its bytes', async () => {
    const { s, notices } = store();
    const bytes = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 13, 10, 0x1a, 10);
    await s.getState().openModel(fakePlatform({ name: 'cat.png', text: '', bytes }).platform);
    expect(s.getState().opened).toBeUndefined();
    expect(notices).toEqual([
      `error: Could not open cat.png: it looks like a PNG image, not a Layerboard model file. Open the model's .model.json instead, as "Export model JSON" writes it.`,
    ]);
  });
});
