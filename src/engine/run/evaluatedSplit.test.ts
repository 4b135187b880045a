import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import type { PreparedData } from '../data/loadData';
import type { EpochReport } from '../train/trainer';
import { evaluatedSplit, sessionSplits, splitEvaluation } from './evaluatedSplit';

function split(name: string, count: number): Dataset {
  return {
    name,
    count,
    sampleShape: [1],
    x: new Float32Array(count),
    targets: { task: 'classification', labels: new Int32Array(count), classes: ['a', 'b'] },
    featureNames: ['x'],
  };
}

/** Only what the choice reads: the splits and the task. */
function prepared(task: 'regression' | 'classification', parts: Partial<PreparedData>) {
  return { train: split('train', 10), info: { task }, ...parts } as PreparedData;
}

const report: EpochReport = { epoch: 1, epochs: 5, loss: 0.5, seconds: 1, lr: 0.01 };

describe('evaluatedSplit', () => {
  it('shows the test split, else the validation split, else the training split', () => {
    const test = split('test', 4);
    const validation = split('validation', 3);
    expect(evaluatedSplit(prepared('classification', { test, validation }))).toEqual({
      split: test,
      on: 'test',
    });
    expect(evaluatedSplit(prepared('regression', { validation }))).toEqual({
      split: validation,
      on: 'validation',
    });
    const data = prepared('classification', {});
    expect(evaluatedSplit(data)).toEqual({ split: data.train, on: 'training' });
    expect(evaluatedSplit(prepared('regression', {}))).toEqual({});
  });

  it('has the RunSession evaluate what the Trainer does not', () => {
    const test = split('test', 4);
    expect(sessionSplits({ split: test, on: 'test' }, true)).toEqual({
      evaluate: test,
      predict: test,
    });
    expect(sessionSplits({ split: test, on: 'validation' }, true)).toEqual({ predict: test });
    expect(sessionSplits({ split: test, on: 'test' }, false)).toEqual({});
  });

  it("reads the session's own evaluation, else the Trainer's of the validation split", () => {
    const own = {
      loss: 0.3,
      count: 4,
      confusionMatrix: [
        [2, 0],
        [1, 1],
      ],
    };
    expect(splitEvaluation({ split: split('test', 4), on: 'test' }, own, report)).toEqual({
      on: 'test',
      count: 4,
      loss: 0.3,
      accuracy: 0,
      confusionMatrix: own.confusionMatrix,
    });
    const matrix = [
      [1, 1],
      [0, 1],
    ];
    const validated = { ...report, valLoss: 0.7, accuracy: 2 / 3, confusionMatrix: matrix };
    const evaluated = { split: split('validation', 3), on: 'validation' } as const;
    expect(splitEvaluation(evaluated, undefined, validated)).toEqual({
      on: 'validation',
      count: 3,
      loss: 0.7,
      accuracy: 2 / 3,
      confusionMatrix: matrix,
    });
    expect(splitEvaluation(evaluated, undefined, report)).toBeUndefined();
    expect(splitEvaluation({}, { loss: 1, count: 10 }, report)).toBeUndefined();
  });
});
