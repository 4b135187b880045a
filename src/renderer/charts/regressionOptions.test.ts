import { describe, expect, it } from 'vitest';
import { predictionPairs, residualOption } from './regressionOptions';

type Series = { name: string; type: string; data: number[][] };
type Axis = { name: string };

describe('the residual plot', () => {
  it('plots target - prediction against the prediction, per target, over a zero line', () => {
    const option = residualOption({
      kind: 'predictions',
      targetNames: ['apples', 'oranges'],
      // [count][targets]: two samples, two targets.
      targets: [10, 20, 30, 40],
      predictions: [12, 19, 27, 45],
    }) as { series: Series[]; xAxis: Axis; yAxis: Axis };
    expect(option.xAxis.name).toBe('prediction');
    expect(option.yAxis.name).toBe('residual (target − prediction)');
    expect(option.series.map((s) => [s.name, s.type])).toEqual([
      ['apples', 'scatter'],
      ['oranges', 'scatter'],
      ['zero', 'line'],
    ]);
    expect(option.series[0]!.data).toEqual([
      [12, -2],
      [27, 3],
    ]);
    expect(option.series[1]!.data).toEqual([
      [19, 1],
      [45, -5],
    ]);
    expect(option.series[2]!.data).toEqual([
      [12, 0],
      [45, 0],
    ]);
  });

  it("takes a fitted line's points with the model's prediction at each", () => {
    const [profit] = predictionPairs({
      kind: 'fit',
      feature: 'population',
      target: 'profit',
      points: { x: [5, 6], y: [17.5, 9.1], predicted: [2.5, 3.1] },
      line: { x: [5, 6], y: [2.5, 3.1] },
    });
    expect(profit).toEqual({
      name: 'profit',
      pairs: [
        [2.5, 17.5],
        [3.1, 9.1],
      ],
    });
  });
});
