import { HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the parts the panels draw, so the bundle carries no unused chart types.
echarts.use([
  LineChart,
  ScatterChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;

/** What every chart of the panel shares: no animation (updates come several times a second). */
export const BASE_OPTION = {
  animation: false,
  textStyle: { fontFamily: 'inherit', fontSize: 11 },
  grid: { left: 52, right: 14, top: 28, bottom: 30 },
} as const;
