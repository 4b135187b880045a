import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProject, parseProjectText } from './parseProject';
import { earlyStoppingProblem } from './project';

const example = readFileSync(
  new URL('../../resources/examples/mlp.layerboard.json', import.meta.url),
  'utf8',
);
const valid = () =>
  JSON.parse(example) as Record<string, unknown> & { graph: { nodes: unknown[] } };

const error = (raw: unknown) => {
  const result = parseProject(raw);
  if (result.ok) throw new Error('expected the project to be refused');
  return result.error;
};

describe('parseProject', () => {
  it('accepts every shipped example and fills defaults', () => {
    for (const name of ['linear-regression', 'line-fit', 'softmax-regression', 'mlp']) {
      const text = readFileSync(
        new URL(`../../resources/examples/${name}.layerboard.json`, import.meta.url),
        'utf8',
      );
      expect(parseProjectText(text).ok).toBe(true);
    }
    const minimal = valid();
    minimal.training = {
      loss: 'mse',
      optimizer: { type: 'sgd', lr: 0.1 },
      batchSize: 4,
      epochs: 2,
    };
    const result = parseProject(minimal);
    expect(result.ok && result.value.training).toMatchObject({
      shuffle: false,
      seed: 1,
      normalize: 'none',
      validationSplit: 0,
    });
    expect(result.ok && result.value.training.optimizer).toEqual({
      type: 'sgd',
      lr: 0.1,
      momentum: 0,
      weightDecay: 0,
    });
  });

  it('refuses text that is not JSON, or JSON that is not an object', () => {
    expect(parseProjectText('{"format": ')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not valid JSON/),
    });
    expect(error([])).toBe('a project file must hold a JSON object');
    expect(error(null)).toBe('a project file must hold a JSON object');
  });

  it('says when a file is not a project, or from a newer Layerboard', () => {
    expect(error({ ...valid(), format: 'layerboard/model' })).toMatch(
      /^format: expected "layerboard\/project".*not a Layerboard project/,
    );
    expect(error({ ...valid(), version: 99 })).toMatch(
      /^version: this project was saved by a newer Layerboard \(version 99/,
    );
    expect(error({ ...valid(), version: 0 })).toMatch(/^version: expected a whole number/);
  });

  it('names the bad field with its path', () => {
    const badKind = valid();
    (badKind.graph.nodes[2] as { kind: string }).kind = 'conv9d';
    expect(error(badKind)).toMatch(/^graph\.nodes\[2\]\.kind: /);

    const badLr = valid();
    (badLr.training as { optimizer: { lr: number } }).optimizer.lr = -1;
    expect(error(badLr)).toMatch(/^training\.optimizer\.lr: /);

    const badDataset = { ...valid(), dataset: { source: 'builtin', name: 'mnist-digits' } };
    expect(error(badDataset)).toMatch(/^dataset\.name: /);

    const badBatch = valid();
    (badBatch.training as { batchSize: number }).batchSize = 0;
    expect(error(badBatch)).toMatch(/^training\.batchSize: /);

    const missingGraph = valid() as Record<string, unknown>;
    delete missingGraph.graph;
    expect(error(missingGraph)).toMatch(/^graph: /);
  });

  it('reads a learning-rate schedule and early stopping, and names a bad number in them', () => {
    const training = (changes: object) => ({
      ...valid(),
      training: { ...(valid().training as object), validationSplit: 0.2, ...changes },
    });
    const cosine = parseProject(
      training({ schedule: { type: 'cosine', tMax: 10 }, earlyStopping: { patience: 3 } }),
    );
    expect(cosine.ok && cosine.value.training).toMatchObject({
      schedule: { type: 'cosine', tMax: 10, etaMin: 0 },
      earlyStopping: { patience: 3 },
    });
    expect(error(training({ schedule: { type: 'step', stepSize: 2, gamma: 1.5 } }))).toBe(
      'training.schedule.gamma: Gamma must be a number above 0 and at most 1',
    );
    expect(error(training({ schedule: { type: 'step', stepSize: 0.5, gamma: 0.1 } }))).toMatch(
      /^training\.schedule\.stepSize: Step size must be a whole number from 1/,
    );
    expect(error(training({ earlyStopping: { patience: 0 } }))).toMatch(
      /^training\.earlyStopping\.patience: Patience must be a whole number from 1/,
    );
  });

  it('asks for a validation split when early stopping is on', () => {
    const earlyStopping = { patience: 2 };
    expect(earlyStoppingProblem({ earlyStopping, validationSplit: 0 })).toMatch(
      /^Early stopping watches the validation loss, and the validation split is 0: set a validation split/,
    );
    expect(earlyStoppingProblem({ earlyStopping, validationSplit: 0.1 })).toBeUndefined();
    expect(earlyStoppingProblem({ validationSplit: 0 })).toBeUndefined();
  });
});
