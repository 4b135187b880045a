// Renderer code under test uses the DOM; tsconfig.node.json (which checks tests) has no DOM lib.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserPlatform } from './browserPlatform';

/** Just enough of an element for the file input and the download link. */
class FakeElement {
  type = '';
  accept = '';
  multiple = false;
  href = '';
  download = '';
  style: Record<string, string> = {};
  files: File[] | undefined;
  removed = false;
  private listeners = new Map<string, () => void>();
  constructor(readonly tagName: string) {}
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  fire(type: string) {
    this.listeners.get(type)?.();
  }
  click = vi.fn();
  remove() {
    this.removed = true;
  }
}

let created: FakeElement[];
let stored: Map<string, string>;

beforeEach(() => {
  created = [];
  stored = new Map();
  vi.stubGlobal('navigator', { platform: 'Linux x86_64' });
  vi.stubGlobal('document', {
    createElement: (tag: string) => {
      const element = new FakeElement(tag);
      created.push(element);
      return element;
    },
    body: { append: vi.fn() },
  });
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const filters = [
  { name: 'Layerboard project', extensions: ['layerboard.json', 'json'] },
  { name: 'CSV', extensions: ['csv'] },
];

describe('the browser platform', () => {
  it('opens through a file input that accepts the filters, and reads the chosen file', async () => {
    const platform = createBrowserPlatform();
    expect(platform.kind).toBe('browser');
    expect(platform.isMac).toBe(false);
    expect(platform.desktop).toBeUndefined();
    const opening = platform.openFile({ title: 'Open project', filters });
    const input = created[0]!;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.layerboard.json,.json,.csv');
    expect(input.click).toHaveBeenCalled();
    input.files = [new File(['{"a":1}'], 'lesson.layerboard.json')];
    input.fire('change');
    const file = await opening;
    expect(file?.name).toBe('lesson.layerboard.json');
    expect(file?.path).toBeUndefined();
    expect(await file?.text()).toBe('{"a":1}');
    expect(await file?.bytes()).toEqual(new TextEncoder().encode('{"a":1}'));
    expect(input.removed).toBe(true);
  });

  it('resolves undefined when the chooser is cancelled', async () => {
    const opening = createBrowserPlatform().openFile({ title: 'Open', filters });
    created[0]!.fire('cancel');
    expect(await opening).toBeUndefined();
  });

  it('opens several files at once through a file input that takes many', async () => {
    const platform = createBrowserPlatform();
    const opening = platform.openFiles({ title: 'Hand-ins', filters });
    const input = created[0]!;
    expect(input.multiple).toBe(true);
    input.files = [new File(['1'], 'ana.layerboard.json'), new File(['2'], 'ben.layerboard.json')];
    input.fire('change');
    const files = await opening;
    expect(files.map((f) => f.name)).toEqual(['ana.layerboard.json', 'ben.layerboard.json']);
    expect(await files[1]?.text()).toBe('2');
    const cancelled = platform.openFiles({ title: 'Hand-ins', filters });
    created[1]!.fire('cancel');
    expect(await cancelled).toEqual([]);
    expect(created[1]!.removed).toBe(true);
  });

  it('saves by downloading the data under the suggested name', async () => {
    vi.useFakeTimers();
    const urls: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      urls.push(blob as Blob);
      return 'blob:x';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const saved = await createBrowserPlatform().saveFile({
      title: 'Save',
      suggestedName: 'mlp.layerboard.json',
      filters,
      data: '{"b":2}',
      path: '/ignored/in/browsers.json',
    });
    expect(saved).toEqual({ name: 'mlp.layerboard.json' });
    const link = created[0]!;
    expect([link.tagName, link.href, link.download]).toEqual([
      'a',
      'blob:x',
      'mlp.layerboard.json',
    ]);
    expect(link.click).toHaveBeenCalled();
    expect(await urls[0]?.text()).toBe('{"b":2}');
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:x');
    create.mockRestore();
    revoke.mockRestore();
  });

  it('keeps the autosave in localStorage, and survives storage that refuses', () => {
    const platform = createBrowserPlatform();
    platform.storage.set('k', 'v');
    expect(platform.storage.get('k')).toBe('v');
    expect(platform.storage.get('missing')).toBeNull();
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(() => platform.storage.set('k', 'v')).not.toThrow();
    expect(platform.storage.get('k')).toBeNull();
  });

  it('knows a Mac', () => {
    vi.stubGlobal('navigator', { platform: 'MacIntel' });
    expect(createBrowserPlatform().isMac).toBe(true);
  });
});
