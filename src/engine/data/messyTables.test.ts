import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MissingPolicy } from '../../shared/project';
import { createCpuBackend } from '../cpu/backend';
import { initParams } from '../model/init';
import type { ModelSpec } from '../model/spec';
import { epochLosses } from '../testing/epochLosses';
import { prepareData } from './loadData';
import { nodeFiles } from './nodeFiles.node.ts';

/**
 * Tables with "NA" and blank cells, text and date columns, against the course recipe computed
 * independently with pandas, scikit-learn's SimpleImputer and OneHotEncoder, and PyTorch
 * (scripts/reference/messy_tables.py): the same inputs, rows, fills and splits, the same losses
 * epoch by epoch, the same test metrics.
 */
interface Case {
  readonly file: string;
  readonly task: 'regression' | 'classification';
  readonly target: string;
  readonly outputs: number;
  readonly features: string[];
  readonly hidden: number;
  readonly lr: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly seed: number;
  readonly validationSplit: number;
  readonly testSplit: number;
  readonly missing: MissingPolicy;
  readonly inputs: string[];
  readonly rowsRead: number;
  readonly rowsLeftOut: number;
  readonly cellsFilled: number;
  readonly fills: Record<string, number | string | number[]>;
  readonly counts: { train: number; validation: number; test: number };
  readonly firstTrainRows: number[][];
  readonly epochLosses: number[];
  readonly test: { loss: number; accuracy?: number; r2?: number };
}

const fixtures = join(__dirname, 'fixtures');
const { cases } = JSON.parse(readFileSync(join(fixtures, 'messy-tables.json'), 'utf8')) as {
  cases: Case[];
};

async function prepare(c: Case) {
  return prepareData(
    {
      source: 'csv',
      path: c.file,
      features: c.features,
      targets: [c.target],
      task: c.task,
      missing: c.missing,
      testSplit: c.testSplit,
    },
    { normalize: 'standardize', validationSplit: c.validationSplit, seed: c.seed },
    nodeFiles(fixtures),
  );
}

/** R² of one target column, in float64 (scikit-learn's r2_score). */
function r2(truth: Float32Array, predicted: Float32Array): number {
  const mean = truth.reduce((a, b) => a + b, 0) / truth.length;
  let residual = 0;
  let total = 0;
  truth.forEach((t, i) => {
    residual += (t - predicted[i]!) ** 2;
    total += (t - mean) ** 2;
  });
  return 1 - residual / total;
}

describe.each(cases.map((c) => [`${c.file}, "missing": "${c.missing}"`, c] as const))(
  'a messy table as pandas and scikit-learn read it: %s',
  (_, c) => {
    it('reads, leaves out, fills and encodes as the course recipe does', async () => {
      const data = await prepare(c);
      expect(data.train.featureNames).toEqual(c.inputs);
      expect(data.info.missing).toEqual({
        policy: c.missing,
        rowsRead: c.rowsRead,
        rowsLeftOut: c.rowsLeftOut,
        cellsMissing: c.cellsFilled,
      });
      expect(data.info.counts).toEqual(c.counts);
      for (const column of data.preprocessing.columns ?? []) {
        const fill = c.fills[column.name];
        if (fill === undefined) expect(column.fill).toBeUndefined();
        else if (Array.isArray(fill)) {
          for (const [i, v] of (column.fill as readonly number[]).entries())
            expect(v).toBeCloseTo(fill[i]!, 3);
        } else if (typeof fill === 'number') expect(column.fill).toBeCloseTo(fill, 3);
        else expect(column.fill).toBe(fill);
      }
      const width = c.inputs.length;
      c.firstTrainRows.forEach((row, r) => {
        const ours = data.train.x.subarray(r * width, (r + 1) * width);
        for (const [j, v] of row.entries()) expect(ours[j]).toBeCloseTo(v, 4);
      });
    });

    it("trains to PyTorch's losses and test metrics", async () => {
      const data = await prepare(c);
      const width = c.inputs.length;
      const model: ModelSpec = {
        inputShape: [width],
        layers: [
          { kind: 'linear', nodeId: 'fc1', inFeatures: width, outFeatures: c.hidden },
          { kind: 'relu', nodeId: 'relu' },
          { kind: 'linear', nodeId: 'fc2', inFeatures: c.hidden, outFeatures: c.outputs },
        ],
      };
      const training = {
        loss: c.task === 'classification' ? 'cross-entropy' : 'mse',
        optimizer: { type: 'adam', lr: c.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
        batchSize: c.batchSize,
        shuffle: true,
        seed: c.seed,
      } as const;
      const session = await createCpuBackend().createSession(
        model,
        initParams(model, c.seed),
        data.train,
        training,
      );
      for (const [epoch, loss] of (await epochLosses(session, c.epochs)).entries()) {
        const expected = c.epochLosses[epoch]!;
        expect(Math.abs(loss - expected)).toBeLessThan(1e-4 * (1 + expected));
      }
      const test = data.test!;
      const evaluation = await session.evaluate(test);
      expect(Math.abs(evaluation.loss - c.test.loss)).toBeLessThan(1e-3 * (1 + c.test.loss));
      if (c.test.accuracy !== undefined)
        expect(evaluation.accuracy).toBeCloseTo(c.test.accuracy, 6);
      if (c.test.r2 !== undefined && test.targets.task === 'regression') {
        const predicted = await session.predict(test.x, test.count);
        expect(r2(test.targets.values, predicted)).toBeCloseTo(c.test.r2, 4);
      }
      session.dispose();
    });
  },
);
