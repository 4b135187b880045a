import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exportModel } from '../../engine';
import { cropsModel } from '../../engine/export/fixtures/models';
import { projectStore, uiStore } from '../stores/appStores';
import type { CommandContext } from './command';
import { fileCommands } from './fileCommands';
import { testContext } from './testContext';

/** A context whose open dialog answers with a file of these bytes. */
function opening(name: string, bytes: Uint8Array): CommandContext {
  return testContext(
    vi.fn(async () => ({
      name,
      text: async () => new TextDecoder().decode(bytes),
      bytes: async () => bytes,
    })),
  );
}

const notices = () => uiStore.getState().notices.map((n) => n.text);

beforeEach(() => {
  for (const n of uiStore.getState().notices) uiStore.getState().dismiss(n.id);
});

describe('File > Open', () => {
  it('says an ONNX export is one and to open the .model.json, not "not valid JSON"', async () => {
    const before = projectStore.getState().name;
    const onnx = exportModel(cropsModel, 'onnx', 'crops.onnx') as Uint8Array;
    await fileCommands.open(opening('crops.onnx', onnx));
    const [notice] = notices();
    expect(notice).toMatch(/^Could not open crops\.onnx: it looks like an ONNX model/);
    expect(notice).toContain('a model file (.model.json) to predict with');
    expect(notice).toMatch(/Your open project is unchanged\.$/);
    expect(notice).not.toContain('JSON (');
    expect(projectStore.getState().name).toBe(before);
  });

  it('still names the bad field of a project file', async () => {
    await fileCommands.open(opening('p.layerboard.json', new TextEncoder().encode('{"format":1}')));
    expect(notices().at(-1)).toMatch(
      /^Could not open p\.layerboard\.json: format: .*\. Your open project is unchanged\.$/,
    );
  });
});
