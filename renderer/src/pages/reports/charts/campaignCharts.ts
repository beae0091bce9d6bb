/** The campaign charts of the dashboard: the funnel, feedback and success rates, and the carriers' results. */
import type { CampaignRate, CarrierResult, Funnel } from '../../../../../shared/dashboard';
import type { ChartOption } from './echarts';
import {
  BLUE,
  categoryAxis,
  floorLine,
  FLOOR_LABEL_ROOM,
  formatFen,
  formatPercent,
  GREEN,
  GREY,
  ORANGE,
  pctOf,
  SOFT_RED,
  tooltipLines,
  topWithFloor,
  yuanOf,
  yuanTick,
} from './common';

const STAGES: { key: keyof Funnel; label: string; color: string }[] = [
  { key: 'targets', label: '目标户数', color: '#91caff' },
  { key: 'assigned', label: '已派工', color: '#69b1ff' },
  { key: 'visited', label: '已反馈', color: BLUE },
  { key: 'interested', label: '有意向', color: '#52c41a' },
  { key: 'success', label: '成功', color: GREEN },
];

export function funnelOption(f: Funnel): ChartOption {
  const share = (n: number) => (f.targets ? n / f.targets : 0);
  return {
    tooltip: { trigger: 'item', formatter: tooltipLines(STAGES.map((s) => [`${s.label}：${f[s.key]} 户`, `占目标 ${formatPercent(share(f[s.key]))}`])) },
    series: [
      {
        type: 'funnel',
        // Keep the order of the stages: each is a subset of the one before, widths follow the counts.
        sort: 'none',
        min: 0,
        max: Math.max(f.targets, 1),
        minSize: '4%',
        left: '4%',
        width: '58%',
        top: 8,
        bottom: 8,
        gap: 2,
        label: { position: 'right', formatter: (p) => `${p.name}  ${Number(p.value)} 户  ${formatPercent(share(Number(p.value)))}` },
        data: STAGES.map((s) => ({ name: s.label, value: f[s.key], itemStyle: { color: s.color } })),
      },
    ],
  };
}

export function ratesOption(rates: CampaignRate[], floor: number): ChartOption {
  return {
    legend: { top: 0 },
    grid: { left: 48, right: FLOOR_LABEL_ROOM, top: 36, bottom: rates.length > 6 ? 64 : 32 },
    tooltip: {
      trigger: 'axis',
      formatter: tooltipLines(
        rates.map((r) => [
          r.name,
          `反馈率 ${formatPercent(r.feedbackRate)}（${r.visited} / ${r.targets} 户）${r.feedbackLow ? `，低于 ${formatPercent(floor)}` : ''}`,
          `成功率 ${formatPercent(r.successRate)}（成功 ${r.success} 户）`,
        ]),
      ),
    },
    xAxis: categoryAxis(rates.map((r) => r.name)),
    yAxis: {
      type: 'value',
      axisLabel: { formatter: '{value}%' },
      max: topWithFloor(
        rates.flatMap((r) => [pctOf(r.feedbackRate), pctOf(r.successRate)]),
        pctOf(floor),
      ),
    },
    dataZoom: rates.length > 12 ? [{ type: 'inside', startValue: 0, endValue: 11 }] : [],
    series: [
      {
        name: '反馈率',
        type: 'bar',
        itemStyle: { color: BLUE },
        data: rates.map((r) => ({ value: pctOf(r.feedbackRate), itemStyle: r.feedbackLow ? { color: SOFT_RED } : {} })),
        markLine: floorLine(pctOf(floor), `下限 ${formatPercent(floor)}`),
      },
      { name: '成功率', type: 'bar', itemStyle: { color: GREEN }, data: rates.map((r) => pctOf(r.successRate)) },
    ],
  };
}

export function carriersOption(carriers: CarrierResult[]): ChartOption {
  return {
    legend: { top: 0 },
    grid: { left: 48, right: 72, top: 36, bottom: carriers.length > 6 ? 64 : 32 },
    tooltip: {
      trigger: 'axis',
      formatter: tooltipLines(
        carriers.map((c) => [
          c.label,
          `目标 ${c.targets} 户，已反馈 ${c.visited} 户（${formatPercent(c.feedbackRate)}）`,
          `成功 ${c.success} 户（${formatPercent(c.successRate)}）`,
          `收入 ${formatFen(c.revenue)}`,
        ]),
      ),
    },
    xAxis: categoryAxis(carriers.map((c) => c.label)),
    yAxis: [
      { type: 'value', name: '户', minInterval: 1 },
      { type: 'value', name: '收入', axisLabel: { formatter: yuanTick }, splitLine: { show: false } },
    ],
    series: [
      { name: '目标户数', type: 'bar', itemStyle: { color: GREY }, data: carriers.map((c) => c.targets) },
      { name: '已反馈', type: 'bar', itemStyle: { color: BLUE }, data: carriers.map((c) => c.visited) },
      { name: '成功', type: 'bar', itemStyle: { color: GREEN }, data: carriers.map((c) => c.success) },
      { name: '收入', type: 'line', yAxisIndex: 1, itemStyle: { color: ORANGE }, data: carriers.map((c) => yuanOf(c.revenue)) },
    ],
  };
}
