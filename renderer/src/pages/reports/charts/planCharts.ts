/**
 * Revenue and maintenance against their cumulative quarterly plans: bars are year-to-date actuals at each
 * quarter's end, and each quarter's plan is a short markLine across its bar.
 */
import type { PlanSeries, Quarter } from '../../../../../shared/dashboard';
import type { ChartOption } from './echarts';
import { formatFen, formatPercent, GREEN, GREY, ORANGE, QUARTER_LABELS, RED, roundUp, tooltipLines, yuanOf, yuanTick } from './common';

export interface PlanChartKind {
  /** Series name: 累计收入, 累计维护. */
  name: string;
  money: boolean;
}

/** Half the width of a plan segment, in quarters: a little wider than the bar it sits on. */
const HALF = 0.32;

export function planOption(s: PlanSeries, kind: PlanChartKind, selected: Quarter | null): ChartOption {
  const value = (n: number) => (kind.money ? yuanOf(n) : n);
  const show = (n: number) => (kind.money ? formatFen(n) : `${n.toLocaleString('zh-CN')} 户`);
  const hasPlan = s.annualTarget !== null;
  return {
    grid: { left: kind.money ? 88 : 56, right: 24, top: 24, bottom: 32 },
    tooltip: {
      trigger: 'item',
      formatter: tooltipLines(
        s.points.map((p) => [
          `${QUARTER_LABELS[p.quarter - 1]}末（年内累计）`,
          p.actual === null ? '尚未开始' : `${kind.name}：${show(p.actual)}`,
          hasPlan ? `计划：${show(p.plan)}（全年 ${formatPercent(p.planShare)}）` : '未设置年度目标',
          hasPlan && p.actual !== null ? `完成计划 ${formatPercent(p.plan ? p.actual / p.plan : 0)}` : '',
        ]),
      ),
    },
    // A value axis (not a category one) so the plan segments can start and end between quarters.
    xAxis: {
      type: 'value',
      min: -0.5,
      max: 3.5,
      interval: 1,
      splitLine: { show: false },
      axisTick: { customValues: [-0.5, 0.5, 1.5, 2.5, 3.5] },
      axisLabel: { customValues: [0, 1, 2, 3], formatter: (v: number) => QUARTER_LABELS[v] ?? '' },
    },
    yAxis: {
      type: 'value',
      // Whole yuan and whole records: with nothing yet ECharts would tick 0–1 in fifths, printed ¥0 ¥0 ¥0 ¥1 ¥1.
      minInterval: 1,
      axisLabel: kind.money ? { formatter: yuanTick } : {},
      // Marker lines do not stretch an axis: the top must hold the plan even when the actuals are far below it.
      max: hasPlan ? roundUp(1.1 * Math.max(...s.points.map((p) => value(Math.max(p.plan, p.actual ?? 0))))) : undefined,
    },
    series: [
      {
        name: kind.name,
        type: 'bar',
        barWidth: '50%',
        data: s.points.map((p, i) => ({
          value: [i, p.actual === null ? null : value(p.actual)],
          itemStyle: {
            color: p.actual === null ? GREY : !hasPlan || p.actual >= p.plan ? GREEN : ORANGE,
            opacity: selected === null || selected === p.quarter ? 1 : 0.45,
          },
        })),
        markLine: hasPlan
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: RED, type: 'solid', width: 2 },
              label: { position: 'end', color: RED, formatter: (p) => `计划 ${formatPercent(s.points[p.dataIndex]?.planShare ?? 0)}` },
              data: s.points.map((p, i) => [{ coord: [i - HALF, value(p.plan)] }, { coord: [i + HALF, value(p.plan)] }]),
            }
          : undefined,
      },
    ],
  };
}
