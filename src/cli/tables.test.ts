import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectInputError, node, runLayerboard } from './testing.node';

// A table as courses bring it (palmerpenguins' shape: "NA" cells, text columns) through the
// command line as a user runs it: train with a missing-value policy and a test split, then
// predict from raw rows (text categories, any column order, a gap) and evaluate.
const dir = mkdtempSync(join(tmpdir(), 'layerboard-tables-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const layerboard = (...args: string[]) => runLayerboard(dir, args);
copyFileSync(resolve(__dirname, '../engine/data/fixtures/penguins.csv'), join(dir, 'penguins.csv'));

function writeProject(name: string, missing: 'drop' | 'mean'): string {
  const project = {
    format: 'layerboard/project',
    version: 1,
    graph: {
      nodes: [node('in', 'input'), node('fc1', 'linear', { outFeatures: 3 })],
      edges: [{ source: 'in', target: 'fc1' }],
    },
    dataset: {
      source: 'csv',
      path: 'penguins.csv',
      features: ['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'sex'],
      targets: ['species'],
      task: 'classification',
      missing,
      testSplit: 0.2,
    },
    training: {
      loss: 'cross-entropy',
      optimizer: { type: 'adam', lr: 0.05 },
      batchSize: 16,
      epochs: 8,
      shuffle: true,
      seed: 2,
      normalize: 'standardize',
      validationSplit: 0.2,
    },
  };
  writeFileSync(join(dir, name), JSON.stringify(project));
  return name;
}

describe('layerboard with a table of text and missing values', () => {
  it('trains with "missing": "mean", says what it did, and keeps a test split to the end', () => {
    const result = layerboard(
      'train',
      writeProject('mean.json', 'mean'),
      '--out',
      'mean.model.json',
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      // Two birds were measured not at all (3 of the 4 measurements chosen), 11 have no sex.
      'data: "penguins.csv": 344 rows read; 17 missing cells filled in from the training split',
    );
    expect(result.stderr).toContain('data: inputs [batch, 8] = 3 numbers + island (3) + sex (2)');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[8]).toMatch(/^test loss \d\.\d{4} accuracy (0\.9\d{3}|1\.0000) \(69 samples\)$/);
    const file = JSON.parse(readFileSync(join(dir, 'mean.model.json'), 'utf8'));
    expect(file.inputShape).toEqual([8]);
    expect(file.preprocessing.columns[0]).toEqual({
      name: 'island',
      kind: 'category',
      categories: ['Biscoe', 'Dream', 'Torgersen'],
      fill: expect.any(String),
    });
  });

  it('trains with "missing": "drop", leaving out the rows with a gap', () => {
    const result = layerboard(
      'train',
      writeProject('drop.json', 'drop'),
      '--out',
      'drop.model.json',
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('344 rows read; 11 left out for a missing value');
  });

  it('predicts from raw rows: columns by name in any order, text categories, a filled gap', () => {
    writeFileSync(
      join(dir, 'new.csv'),
      'sex,note,flipper_length_mm,island,bill_depth_mm,bill_length_mm\n' +
        'male,big one,225,Biscoe,15.9,49.5\n' +
        'female,,188,Torgersen,18.0,37.8\n' +
        'NA,no sex seen,195,Dream,18.4,49.0\n',
    );
    const result = layerboard('predict', 'mean.model.json', '--input', 'new.csv', '--header');
    expect(result.status).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    const classes = header!.split(',');
    const best = rows.map((row) => {
      const scores = row.split(',').map(Number);
      return classes[scores.indexOf(Math.max(...scores))];
    });
    expect(best).toEqual(['Gentoo', 'Adelie', 'Chinstrap']);
  });

  it('names the categories it knows when a row has one it does not', () => {
    writeFileSync(
      join(dir, 'atlantis.csv'),
      'island,bill_length_mm,bill_depth_mm,flipper_length_mm,sex\nAtlantis,40,18,190,male\n',
    );
    expectInputError(
      layerboard('predict', 'mean.model.json', '--input', 'atlantis.csv'),
      '"atlantis.csv", row 2, column A "island": "Atlantis" is not a category of "island" the model knows (it learned "Biscoe", "Dream", "Torgersen")',
    );
    // A model trained without filling gaps cannot fill one in.
    expectInputError(
      layerboard('predict', 'drop.model.json', '--input', 'new.csv'),
      '"new.csv", row 4, column A "sex": the value is missing',
    );
  });

  it("evaluates on the project's test split, encoded as the model says", () => {
    const result = layerboard('eval', 'mean.model.json', '--data', 'mean.json', '--json');
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer.count).toBe(69);
    expect(answer.accuracy).toBeGreaterThan(0.9);
  });
});
