import type { CurvePoint } from '../../../shared/project';
import { escapeHtml, NUMBER_AXIS_LABEL, tooltipNumber } from '../../charts/chartFormat';
import { BASE_OPTION, type ChartOption } from '../../charts/echarts';

/**
 * The Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008), whose hues stay apart
 * for the common kinds of colour blindness, as the training charts use it; beyond eight students
 * the colours repeat, with another marker.
 */
const COLORS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#f0e442',
  '#000000',
];
const SYMBOLS = ['circle', 'triangle', 'rect', 'diamond'];

/** One student's curve: their file's name, and the re-run's losses or else those they claimed. */
export interface StudentCurve {
  readonly file: string;
  readonly rerun: readonly CurvePoint[];
  readonly claimed: readonly CurvePoint[];
}

/**
 * The hand-ins' loss curves overlaid, one series per student: the re-run's (what the app
 * measured), or the claim's when there is no re-run, named "(claimed)". File names are a
 * student's text: the tooltip, which ECharts writes as HTML, escapes them.
 */
export function curvesOption(curves: readonly StudentCurve[]): ChartOption {
  const series = curves.flatMap((curve, i) => {
    const points = curve.rerun.length > 0 ? curve.rerun : curve.claimed;
    if (points.length === 0) return [];
    return [
      {
        name: curve.rerun.length > 0 ? curve.file : `${curve.file} (claimed)`,
        type: 'line',
        data: points.map((p) => [p.epoch, p.loss]),
        color: COLORS[i % COLORS.length],
        symbol: SYMBOLS[Math.floor(i / COLORS.length) % SYMBOLS.length],
        symbolSize: 6,
        showSymbol: points.length < 60,
        lineStyle: { width: 2, ...(curve.rerun.length > 0 ? {} : { type: 'dashed' }) },
      },
    ];
  });
  return {
    ...BASE_OPTION,
    grid: { ...BASE_OPTION.grid, top: 16, bottom: 56 },
    legend: { bottom: 4, type: 'scroll', itemWidth: 14, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { seriesName: string; marker: string; value: [number, number] }[]) => {
        const epoch = items[0]?.value[0];
        const lines = items.map(
          (item) => `${item.marker}${escapeHtml(item.seriesName)}: ${tooltipNumber(item.value[1])}`,
        );
        return [`epoch ${epoch ?? ''}`, ...lines].join('<br>');
      },
    },
    xAxis: { type: 'value', name: 'epoch', nameGap: 4, min: 1, minInterval: 1 },
    yAxis: { type: 'value', name: 'loss', scale: true, axisLabel: NUMBER_AXIS_LABEL },
    series,
  };
}
