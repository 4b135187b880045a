import { describe, expect, it } from 'vitest';
import { MAX_OVERLAID } from '../stores/runsView';
import { RUN_COLORS, RUN_MARKERS } from './colors';
import { curvePoints, runsOption } from './runsOptions';

describe('runs chart', () => {
  it('has a colour and a marker for every run it may overlay, all different', () => {
    expect(new Set(RUN_COLORS).size).toBe(MAX_OVERLAID);
    expect(new Set(RUN_MARKERS).size).toBe(MAX_OVERLAID);
  });

  it("takes a metric's points from a kept curve, skipping epochs without it", () => {
    const history = [
      { epoch: 101, loss: 2, valLoss: 3 },
      { epoch: 102, loss: 1 },
    ];
    expect(curvePoints(history, 'loss')).toEqual([
      [101, 2],
      [102, 1],
    ]);
    expect(curvePoints(history, 'valLoss')).toEqual([[101, 3]]);
    expect(curvePoints(history, 'accuracy')).toEqual([]);
  });

  it('draws one named line per run, accuracy in percent', () => {
    const curves = [
      { name: 'Run 1', color: '#000', symbol: 'circle', points: [[1, 0.5]] as const },
      { name: 'Run 3', color: '#fff', symbol: 'rect', points: [[1, 0.75]] as const },
    ];
    const option = runsOption(curves, 'accuracy') as {
      series: { name: string; color: string }[];
      yAxis: { axisLabel: { formatter: (v: number) => string } };
    };
    expect(option.series.map((s) => [s.name, s.color])).toEqual([
      ['Run 1', '#000'],
      ['Run 3', '#fff'],
    ]);
    expect(option.yAxis.axisLabel.formatter(0.875)).toBe('87.5%');
  });

  it('puts a loss on a log axis when asked, without the points it cannot show', () => {
    const curves = [
      {
        name: 'Run 1',
        color: '#000',
        symbol: 'circle',
        points: [
          [1, 0],
          [2, 0.5],
        ] as const,
      },
    ];
    const option = runsOption(curves, 'loss', true) as {
      series: { data: unknown[] }[];
      yAxis: { type: string };
    };
    expect(option.yAxis.type).toBe('log');
    expect(option.series[0]!.data).toEqual([[2, 0.5]]);
    expect((runsOption(curves, 'accuracy', true) as { yAxis: { type: string } }).yAxis.type).toBe(
      'value',
    );
  });
});
