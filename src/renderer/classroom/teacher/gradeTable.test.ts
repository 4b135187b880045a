import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../templates';
import { curvesOption } from './curvesOption';
import { metricsText, parametersText, settingsRows, verdictText } from './gradeTable';

const grade = {
  file: 'ana.json',
  passed: true,
  parameters: 1234,
  measured: { loss: 0.123456, accuracy: 0.9 },
  claimed: null,
  problems: [],
};

describe('the teacher view’s table', () => {
  it('shows metrics with the goal’s first, a dash for none', () => {
    expect(metricsText(grade.measured, 'accuracy')).toBe('accuracy 0.9, loss 0.1235');
    expect(metricsText(grade.measured, 'loss')).toBe('loss 0.1235, accuracy 0.9');
    expect(metricsText(null, 'loss')).toBe('—');
    expect(metricsText({}, 'loss')).toBe('—');
  });

  it('says the verdict in words beside its sign, and the parameters grouped', () => {
    expect(verdictText(grade)).toBe('✓ passed');
    expect(verdictText({ ...grade, passed: false })).toBe('✗ failed');
    expect(parametersText(1234)).toBe('1,234');
    expect(parametersText(null)).toBe('—');
  });

  it('lists a hand-in’s settings by the names its locks have', () => {
    const rows = settingsRows(TEMPLATES[0]!.project);
    expect(rows.map((r) => r.label)).toEqual([
      'Dataset',
      'Loss',
      'Optimizer',
      'Batch size',
      'Number of epochs',
      'Normalisation',
      'Validation split',
      'Seed',
    ]);
    expect(rows[0]?.value).toBe('Crop yields');
  });
});

describe('the hand-ins’ curves', () => {
  it('draws one series per student: the re-run, or the claim dashed, and escapes names in the tooltip', () => {
    const option = curvesOption([
      { file: 'ana.json', rerun: [{ epoch: 1, loss: 2 }], claimed: [{ epoch: 1, loss: 9 }] },
      { file: '<b>ben</b>.json', rerun: [], claimed: [{ epoch: 1, loss: 3 }] },
      { file: 'empty.json', rerun: [], claimed: [] },
    ]) as {
      series: { name: string; data: number[][]; lineStyle: { type?: string } }[];
      tooltip: { formatter: (items: unknown[]) => string };
    };
    expect(option.series.map((s) => s.name)).toEqual(['ana.json', '<b>ben</b>.json (claimed)']);
    expect(option.series[0]?.data).toEqual([[1, 2]]);
    expect(option.series[1]?.lineStyle.type).toBe('dashed');
    const html = option.tooltip.formatter([
      { seriesName: '<b>ben</b>.json (claimed)', marker: '', value: [1, 3] },
    ]);
    expect(html).toBe('epoch 1<br>&lt;b&gt;ben&lt;/b&gt;.json (claimed): 3');
  });
});
