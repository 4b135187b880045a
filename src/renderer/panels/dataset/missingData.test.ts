import { describe, expect, it } from 'vitest';
import { READ_REFUSED } from '../../../shared/ipc';
import {
  datasetSummary,
  listed,
  missingAdvice,
  refused,
  unreadReason,
  whereToPut,
} from './missingData';

const project = '/home/ada/farms/farms.layerboard.json';
const unread = (path: string) => ({ path, reason: `${path} does not exist` });

describe('the missing-data message', () => {
  it('lists names as a sentence does', () => {
    expect(listed([])).toBe('');
    expect(listed(['a'])).toBe('a');
    expect(listed(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('reminds what the data was for', () => {
    const csv = {
      source: 'csv' as const,
      path: 'farms.csv',
      features: ['temp_f', 'rainfall_mm'],
      targets: ['yield_ton'],
      task: 'regression' as const,
    };
    expect(datasetSummary(csv)).toBe('temp_f and rainfall_mm to predict the numbers in yield_ton');
    expect(datasetSummary({ ...csv, task: 'classification' })).toMatch(/the class in yield_ton$/);
    expect(datasetSummary({ source: 'idx', images: 'i', labels: 'l' })).toBe(
      'images with their labels',
    );
  });

  it('gives main’s reason without the path it already shows', () => {
    expect(unreadReason(unread('/p/a.csv'))).toBe('does not exist');
    expect(unreadReason({ path: '/p/a.csv', reason: 'permission denied' })).toBe(
      'permission denied',
    );
  });

  it('says to put a file next to the project, or back in its own folder', () => {
    expect(whereToPut(['/home/ada/farms/farms.csv'], project)).toBe('put it next to the project');
    expect(whereToPut(['/data/i.gz', '/data/l.gz'], project)).toBe('put them back in /data');
    expect(whereToPut(['/home/ada/farms/farms.csv'], undefined)).toBe(
      'put it back in /home/ada/farms',
    );
  });

  it('says what to do: import the file, or put it back and look again', () => {
    expect(missingAdvice(['farms.csv'], [], undefined)).toBe(
      'Import farms.csv to see the data and to train on it: a project keeps the names of its files, not their data.',
    );
    const path = '/home/ada/farms/farms.csv';
    expect(missingAdvice([path], [unread(path)], project)).toBe(
      'Import farms.csv again, or put it next to the project and choose Look again.',
    );
  });

  it('leaves the advice to main when it refused the read (its reason says to import)', () => {
    const path = '/home/ada/farms/farms.csv';
    const refusal = { path, reason: `${path} ${READ_REFUSED}, and Layerboard reads only those` };
    expect(refused([refusal])).toBe(true);
    expect(refused([unread(path)])).toBe(false);
    expect(missingAdvice([path], [refusal], project)).toBeUndefined();
  });
});
