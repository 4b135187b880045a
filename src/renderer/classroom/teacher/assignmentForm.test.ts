import { describe, expect, it } from 'vitest';
import type { NodeKind } from '../../../shared/nodeKinds';
import type { DatasetRef, TrainingSettings } from '../../../shared/project';
import {
  type AssignmentDraft,
  assignmentFileName,
  assignmentFromDraft,
  draftFor,
  lockedValueText,
} from './assignmentForm';

const PALETTE: NodeKind[] = ['linear', 'relu', 'sigmoid'];
const training: TrainingSettings = {
  loss: 'cross-entropy',
  optimizer: { type: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
  batchSize: 32,
  epochs: 5,
  shuffle: true,
  seed: 1,
  normalize: 'none',
  validationSplit: 0.2,
};

const draft = (patch: Partial<AssignmentDraft> = {}): AssignmentDraft => ({
  ...draftFor(undefined, { name: 'Fashion', training }, PALETTE),
  ...patch,
});

describe('the Save as assignment form', () => {
  it('suggests accuracy at least 0.9 for a classifier and the loss at most for a regression', () => {
    expect(draft()).toMatchObject({
      title: 'Fashion',
      metric: 'accuracy',
      bound: 'atLeast',
      value: '0.9',
      kinds: PALETTE,
    });
    const regression = draftFor(undefined, { name: 'Crops', training: { loss: 'mse' } }, PALETTE);
    expect(regression).toMatchObject({ metric: 'loss', bound: 'atMost', value: '' });
  });

  it('makes an assignment, with no kinds list when every kind is allowed', () => {
    expect(assignmentFromDraft(draft(), PALETTE)).toEqual({
      ok: true,
      assignment: {
        title: 'Fashion',
        instructions: '',
        goal: { metric: 'accuracy', atLeast: 0.9 },
      },
    });
    const limited = draft({
      title: '  Small model ',
      instructions: 'Two layers.\nNo more.',
      metric: 'loss',
      bound: 'atMost',
      value: ' 0.5 ',
      budget: '100',
      kinds: ['relu', 'linear'],
      locked: ['epochs', 'dataset'],
    });
    expect(assignmentFromDraft(limited, PALETTE)).toEqual({
      ok: true,
      assignment: {
        title: 'Small model',
        instructions: 'Two layers.\nNo more.',
        goal: { metric: 'loss', atMost: 0.5 },
        maxParameters: 100,
        allowedKinds: ['input', 'linear', 'relu'],
        locked: ['dataset', 'epochs'],
      },
    });
  });

  it('says beside each field what is wrong with it', () => {
    const result = assignmentFromDraft(
      draft({ title: '  ', value: 'high', budget: '2.5', kinds: [] }),
      PALETTE,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['budget', 'kinds', 'title', 'value']);
    expect(result.errors.title).toMatch(/Give the assignment a title/);
    expect(result.errors.budget).toMatch(/whole number/);
    expect(assignmentFromDraft(draft({ budget: '0' }), PALETTE)).toMatchObject({
      ok: false,
      errors: { budget: expect.stringMatching(/at least 1/) },
    });
    expect(assignmentFromDraft(draft({ title: 'x'.repeat(201) }), PALETTE)).toMatchObject({
      ok: false,
      errors: { title: expect.stringMatching(/at most 200/) },
    });
    expect(assignmentFromDraft(draft({ value: '' }), PALETTE)).toMatchObject({
      ok: false,
      errors: { value: expect.any(String) },
    });
  });

  it('starts from the assignment a project already has, and gives back the same', () => {
    const assignment = {
      title: 'Small model',
      instructions: 'Go',
      goal: { metric: 'valLoss' as const, atMost: 0.3 },
      maxParameters: 50,
      allowedKinds: ['input' as const, 'relu' as const, 'linear' as const],
      locked: ['seed' as const],
    };
    const again = draftFor(assignment, { name: 'other', training }, PALETTE);
    expect(again).toMatchObject({ title: 'Small model', value: '0.3', budget: '50' });
    expect(again.bound).toBe('atMost');
    expect(again.kinds).toEqual(['linear', 'relu']);
    expect(assignmentFromDraft(again, PALETTE)).toEqual({
      ok: true,
      assignment: { ...assignment, allowedKinds: ['input', 'linear', 'relu'] },
    });
  });

  it('shows the value each lock would keep', () => {
    const project = { dataset: { source: 'builtin', name: 'fashion-mnist' } as const, training };
    expect(lockedValueText('dataset', project)).toBe('Fashion-MNIST');
    expect(lockedValueText('optimizer', project)).toBe('Adam, rate 0.01');
    expect(lockedValueText('batchSize', project)).toBe('32');
    expect(lockedValueText('loss', project)).toBe('Cross-entropy');
    const dataset: DatasetRef = {
      source: 'csv',
      path: '/home/t/data/houses.csv',
      features: ['a'],
      targets: ['b'],
      task: 'regression',
    };
    const csv = { dataset, training };
    expect(lockedValueText('dataset', csv)).toBe('houses.csv');
  });

  it('names the file after the title, safe on every file system', () => {
    expect(assignmentFileName(' Fit: the crops? ')).toBe(
      'Fit the crops.assignment.layerboard.json',
    );
    expect(assignmentFileName('Week 3')).toBe('Week 3.assignment.layerboard.json');
  });

  it('keeps both bounds of a goal between two values, and checks their order', () => {
    const assignment = {
      title: 'Not too good',
      instructions: '',
      goal: { metric: 'accuracy' as const, atLeast: 0.8, atMost: 0.95 },
    };
    const again = draftFor(assignment, { name: 'other', training }, PALETTE);
    expect(again).toMatchObject({ bound: 'between', value: '0.8', upper: '0.95' });
    expect(assignmentFromDraft(again, PALETTE)).toEqual({ ok: true, assignment });
    expect(assignmentFromDraft({ ...again, upper: '0.5' }, PALETTE)).toMatchObject({
      ok: false,
      errors: { upper: expect.any(String) },
    });
  });
});
