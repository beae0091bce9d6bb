/**
 * ECharts with only the pieces the dashboard draws: tree-shaken from 'echarts/core' so the offline bundle stays
 * small. The canvas renderer needs no eval or inline script, so it runs under the renderer's strict CSP.
 */
import {
  BarChart,
  FunnelChart,
  LineChart,
  PieChart,
  type BarSeriesOption,
  type FunnelSeriesOption,
  type LineSeriesOption,
  type PieSeriesOption,
} from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
// ECharts' `use` registers parts at load time; renamed so it is not taken for React's `use` hook.
import { use as registerEChartsParts, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

registerEChartsParts([
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | DataZoomComponentOption
>;
