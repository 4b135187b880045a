import { describe, expect, it } from 'vitest';
import {
  absolutePath,
  commandIds,
  editAction,
  MAX_SAVE_BYTES,
  openDialogRequest,
  saveFileRequest,
  validate,
} from './validation';

const filters = [{ name: 'Layerboard project', extensions: ['layerboard.json', 'json'] }];

describe('IPC argument validation', () => {
  it('accepts an open dialog request with project filters', () => {
    expect(validate(openDialogRequest, { title: 'Open project', filters }, 'dialog:open')).toEqual({
      title: 'Open project',
      filters,
    });
  });

  it('refuses dialog filters that are paths or patterns of another kind', () => {
    for (const extensions of [['../etc'], ['a/b'], ['*.json'], [''], []]) {
      expect(() =>
        validate(
          openDialogRequest,
          { title: 'x', filters: [{ name: 'x', extensions }] },
          'dialog:open',
        ),
      ).toThrow(/dialog:open: filters\.0\.extensions/);
    }
  });

  it('refuses arguments of the wrong type with the channel and field named', () => {
    expect(() => validate(openDialogRequest, 'open', 'dialog:open')).toThrow(
      /^dialog:open: argument/,
    );
    expect(() => validate(openDialogRequest, { title: 3, filters }, 'dialog:open')).toThrow(
      /dialog:open: title/,
    );
  });

  it('accepts save data as text or bytes, with a file name and an absolute path', () => {
    const base = { title: 'Save', suggestedName: 'a.layerboard.json', filters };
    expect(validate(saveFileRequest, { ...base, data: '{}' }, 'file:save').data).toBe('{}');
    const bytes = new Uint8Array([1, 2, 3]);
    expect(validate(saveFileRequest, { ...base, data: bytes }, 'file:save').data).toBe(bytes);
    const path = process.platform === 'win32' ? 'C:\\a.json' : '/tmp/a.json';
    expect(validate(saveFileRequest, { ...base, data: '', path }, 'file:save').path).toBe(path);
  });

  it('refuses a suggested name with folders, a relative path, data of another type', () => {
    const base = { title: 'Save', suggestedName: 'a.json', filters, data: '' };
    const bad = [
      { ...base, suggestedName: '../a.json' },
      { ...base, suggestedName: 'dir\\a.json' },
      { ...base, suggestedName: '' },
      { ...base, path: 'relative/a.json' },
      { ...base, path: '/tmp/a\0.json' },
      { ...base, data: 42 },
      { ...base, data: [1, 2] },
    ];
    for (const request of bad)
      expect(() => validate(saveFileRequest, request, 'file:save')).toThrow();
  });

  it('refuses save data over the size limit without copying it', () => {
    const huge = { byteLength: MAX_SAVE_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    const request = { title: 'Save', suggestedName: 'a.onnx', filters, data: huge };
    expect(() => validate(saveFileRequest, request, 'file:save')).toThrow(/at most/);
  });

  it('takes only absolute paths to read', () => {
    expect(() => validate(absolutePath, 'data.csv', 'file:read')).toThrow(/absolute/);
    expect(() => validate(absolutePath, 7, 'file:read')).toThrow();
    expect(validate(absolutePath, '/home/a/data.csv', 'file:read')).toBe('/home/a/data.csv');
  });

  it('takes command ids and edit actions only from their closed sets', () => {
    expect(validate(commandIds, ['open', 'export-onnx'], 'menu:available')).toEqual([
      'open',
      'export-onnx',
    ]);
    expect(() => validate(commandIds, ['Open Evil'], 'menu:available')).toThrow();
    expect(validate(editAction, 'selectAll', 'edit:text')).toBe('selectAll');
    expect(() => validate(editAction, 'openDevTools', 'edit:text')).toThrow();
  });
});
