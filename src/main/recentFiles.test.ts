import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isRecentCandidate,
  loadRecent,
  MAX_RECENT,
  saveRecent,
  withoutRecent,
  withRecent,
} from './recentFiles';

const file = () => join(mkdtempSync(join(tmpdir(), 'layerboard-recent-')), 'recent-files.json');

describe('recent files', () => {
  it('puts the newest first, once, and keeps at most MAX_RECENT', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT + 3; i++) list = withRecent(list, `/p/${i}.layerboard.json`);
    list = withRecent(list, '/p/5.layerboard.json');
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe('/p/5.layerboard.json');
    expect(list.filter((p) => p === '/p/5.layerboard.json')).toHaveLength(1);
    expect(list[1]).toBe(`/p/${MAX_RECENT + 2}.layerboard.json`);
    expect(withoutRecent(list, '/p/5.layerboard.json')).not.toContain('/p/5.layerboard.json');
  });

  it('saves and loads the list, dropping files that no longer exist', () => {
    const path = file();
    saveRecent(path, ['/a.layerboard.json', '/gone.layerboard.json']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 1,
      files: ['/a.layerboard.json', '/gone.layerboard.json'],
    });
    expect(loadRecent(path, (p) => p === '/a.layerboard.json')).toEqual(['/a.layerboard.json']);
  });

  it('starts empty from a missing, broken or foreign file, and skips relative paths', () => {
    const path = file();
    expect(loadRecent(path)).toEqual([]);
    writeFileSync(path, '{ not json');
    expect(loadRecent(path)).toEqual([]);
    writeFileSync(path, JSON.stringify({ version: 2, files: ['/a.json'] }));
    expect(loadRecent(path)).toEqual([]);
    writeFileSync(path, JSON.stringify({ version: 1, files: ['a.json', '/b.json', '/b.json'] }));
    expect(loadRecent(path, () => true)).toEqual(['/b.json']);
  });

  it('lists projects, not model exports or data', () => {
    expect(isRecentCandidate('/x/lesson.layerboard.json')).toBe(true);
    expect(isRecentCandidate('/x/old-project.JSON')).toBe(true);
    expect(isRecentCandidate('/x/mlp.model.json')).toBe(false);
    expect(isRecentCandidate('/x/data.csv')).toBe(false);
  });
});
