/** The branch's own state: grade distribution, village coverage against 100 customers, and log-ins per week. */
import type { Dashboard } from '../../../../../shared/dashboard';
import { GRADE_LABELS, type Grade } from '../../../../../shared/grading';
import type { ChartOption } from './echarts';
import { BLUE, floorLine, FLOOR_LABEL_ROOM, formatPercent, GREEN, GREY, ORANGE, RED, roundUp, SOFT_RED, tooltipLines, topWithFloor } from './common';

const GRADE_COLORS: Record<Grade, string> = { 1: GREEN, 2: BLUE, 3: ORANGE, 4: GREY };

export function gradesOption(grades: Dashboard['grades']): ChartOption {
  const total = grades[1] + grades[2] + grades[3] + grades[4];
  const order: Grade[] = [1, 2, 3, 4];
  return {
    legend: { orient: 'vertical', right: 8, top: 'middle' },
    tooltip: {
      trigger: 'item',
      formatter: tooltipLines(
        order.map((g) => [`${GRADE_LABELS[g]}数据`, `${grades[g].toLocaleString('zh-CN')} 条（${formatPercent(total ? grades[g] / total : 0)}）`]),
      ),
    },
    series: [
      {
        type: 'pie',
        radius: ['36%', '62%'],
        center: ['44%', '52%'],
        label: { formatter: (p) => `${p.name} ${formatPercent(total ? Number(p.value) / total : 0)}` },
        data: order.map((g) => ({ name: GRADE_LABELS[g], value: grades[g], itemStyle: { color: GRADE_COLORS[g] } })),
      },
    ],
  };
}

/** Rows shown at once; more scroll, the furthest behind (the backend sorts them first) on top. */
const VISIBLE_VILLAGES = 10;

/** 东风村民委员会 → 东风村: the official suffix takes half the label and tells a supervisor nothing. */
const villageLabel = (name: string) => name.replace(/村?(村民委员会|村委会)$/, '村').replace(/(社区居民委员会|社区居委会)$/, '社区');

/**
 * One horizontal bar per village: names stay level and whole on the left, the count sits at the bar's end, and the
 * minimum is a vertical line the axis always reaches, even while every village is still empty.
 */
export function coverageOption(c: Dashboard['coverage']): ChartOption {
  const many = c.villages.length > VISIBLE_VILLAGES;
  const top = roundUp(Math.max(c.minimum * 1.2, ...c.villages.map((v) => v.customers * 1.1)));
  return {
    grid: { left: 8, right: many ? 40 : 16, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: tooltipLines(c.villages.map((v) => [v.name, `${v.customers} 户${v.belowMinimum ? `，还差 ${c.minimum - v.customers} 户` : ''}`])),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: c.villages.map((v) => villageLabel(v.name)),
      axisTick: { show: false },
      axisLabel: { width: 96, overflow: 'truncate' },
    },
    xAxis: { type: 'value', min: 0, max: top, minInterval: 1, axisLabel: { formatter: '{value} 户' } },
    dataZoom: many
      ? [
          {
            type: 'slider',
            yAxisIndex: 0,
            startValue: 0,
            endValue: VISIBLE_VILLAGES - 1,
            width: 14,
            right: 8,
            showDetail: false,
            zoomLock: true,
            brushSelect: false,
          },
          { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true },
        ]
      : [],
    series: [
      {
        name: '客户数',
        type: 'bar',
        barMaxWidth: 18,
        data: c.villages.map((v) => ({ value: v.customers, itemStyle: { color: v.belowMinimum ? SOFT_RED : GREEN } })),
        label: { show: true, position: 'right', formatter: '{c} 户', color: '#595959' },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: RED, type: 'dashed', width: 1.5 },
          // At the top of the line, clear of the count axis's own "100 户" below it.
          label: { formatter: `最少 ${c.minimum} 户`, position: 'start', color: RED },
          data: [{ xAxis: c.minimum }],
        },
      },
    ],
  };
}

export function usageOption(u: Dashboard['usage']): ChartOption {
  const label = (d: string) => d.slice(5);
  return {
    grid: { left: 40, right: FLOOR_LABEL_ROOM, top: 24, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      formatter: tooltipLines(
        u.weeks.map((w) => [
          `${w.weekStart} 起的一周${w.partial ? '（进行中）' : ''}`,
          `登录 ${w.logins} 次${w.belowFloor && !w.partial ? `，少于每周 ${u.floor} 次` : ''}`,
        ]),
      ),
    },
    xAxis: { type: 'category', data: u.weeks.map((w) => label(w.weekStart)) },
    yAxis: {
      type: 'value',
      minInterval: 1,
      max: topWithFloor(
        u.weeks.map((w) => w.logins),
        u.floor + 1,
      ),
    },
    series: [
      {
        name: '登录次数',
        type: 'bar',
        data: u.weeks.map((w) => ({ value: w.logins, itemStyle: { color: w.partial ? GREY : w.belowFloor ? SOFT_RED : GREEN } })),
        markLine: floorLine(u.floor, `每周 ${u.floor} 次`),
      },
    ],
  };
}
