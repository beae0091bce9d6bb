/** Colours, number formats and the small option pieces every dashboard chart shares. */
import { format } from 'echarts/core';
import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { formatFen } from '../../../components/campaign/money';
import { formatPercent } from '../../../lib/format';

export const GREEN = '#0b7a3e';
export const BLUE = '#1677ff';
export const ORANGE = '#fa8c16';
export const RED = '#cf1322';
export const SOFT_RED = '#ff7875';
export const GREY = '#bfbfbf';
export const QUARTER_LABELS = ['一季度', '二季度', '三季度', '四季度'] as const;

const YUAN_AXIS = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0, useGrouping: true });
/** Axis ticks in whole yuan (¥12,000); exact amounts, with fen, are in the tooltips. */
export const yuanTick = (yuan: number): string => `¥${YUAN_AXIS.format(yuan)}`;
export const yuanOf = (fen: number): number => fen / 100;
/** A fraction as a percentage value on a % axis (0.052 → 5.2). */
export const pctOf = (share: number): number => Math.round(share * 1000) / 10;
export { formatFen, formatPercent };

/**
 * Tooltip HTML, one per data index, so each chart writes its own lines. Names come from clerks (campaigns,
 * villages), and ECharts puts a formatter's string in as HTML: every text is escaped here.
 */
export function tooltipLines(lines: (string[] | null)[]) {
  return (p: TooltipComponentFormatterCallbackParams): string => {
    const first = Array.isArray(p) ? p[0] : p;
    const text = lines[first?.dataIndex ?? -1];
    return text ? text.map((t) => format.encodeHTML(t)).join('<br/>') : '';
  };
}

/** A dashed horizontal line at a floor or minimum, labelled, that tooltips and clicks ignore. */
export function floorLine(value: number, label: string) {
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color: RED, type: 'dashed' as const, width: 1.5 },
    // Outside the plot, right of the line's end, so it never sits on a bar.
    label: { formatter: label, position: 'end' as const, color: RED },
    data: [{ yAxis: value }],
  };
}

/** Room right of the plot for a floor line's label. */
export const FLOOR_LABEL_ROOM = 76;

/**
 * An axis top that keeps a floor in view when every value is below it (all villages under 100 customers),
 * and lets ECharts choose a round top otherwise.
 */
export function topWithFloor(values: number[], floor: number): number | undefined {
  return Math.max(0, ...values) >= floor ? undefined : roundUp(floor * 1.25);
}

/** 1.2 → 2, 430 → 500, 61,000 → 70,000: a round axis top at or above v. */
export function roundUp(v: number): number {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

/** Long category names (campaigns, villages) shortened on the axis; the tooltip has them whole. */
export const categoryAxis = (names: string[]) => ({
  type: 'category' as const,
  data: names,
  axisLabel: { interval: 0, width: names.length > 6 ? 60 : 90, overflow: 'truncate' as const, rotate: names.length > 6 ? 30 : 0 },
});
