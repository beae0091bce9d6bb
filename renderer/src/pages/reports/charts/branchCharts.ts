/** The branch's own state: grade distribution, village coverage against 100 customers, and log-ins per week. */
import type { Dashboard } from '../../../../../shared/dashboard';
import { GRADE_LABELS, type Grade } from '../../../../../shared/grading';
import type { ChartOption } from './echarts';
import { BLUE, categoryAxis, floorLine, FLOOR_LABEL_ROOM, formatPercent, GREEN, GREY, ORANGE, SOFT_RED, tooltipLines, topWithFloor } from './common';

const GRADE_COLORS: Record<Grade, string> = { 1: GREEN, 2: BLUE, 3: ORANGE, 4: GREY };

export function gradesOption(grades: Dashboard['grades']): ChartOption {
  const total = grades[1] + grades[2] + grades[3] + grades[4];
  const order: Grade[] = [1, 2, 3, 4];
  return {
    legend: { orient: 'vertical', right: 8, top: 'middle' },
    tooltip: { trigger: 'item', formatter: tooltipLines(order.map((g) => [`${GRADE_LABELS[g]}数据`, `${grades[g].toLocaleString('zh-CN')} 条（${formatPercent(total ? grades[g] / total : 0)}）`])) },
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

/** Many villages: show the first twenty (the furthest behind, as the backend sorts them) and let the rest scroll. */
const VISIBLE_VILLAGES = 20;

export function coverageOption(c: Dashboard['coverage']): ChartOption {
  const many = c.villages.length > VISIBLE_VILLAGES;
  return {
    grid: { left: 48, right: FLOOR_LABEL_ROOM, top: 24, bottom: many ? 72 : 48 },
    tooltip: {
      trigger: 'axis',
      formatter: tooltipLines(c.villages.map((v) => [v.name, `${v.customers} 户${v.belowMinimum ? `，还差 ${c.minimum - v.customers} 户` : ''}`])),
    },
    xAxis: categoryAxis(c.villages.map((v) => v.name)),
    yAxis: { type: 'value', minInterval: 1, max: topWithFloor(c.villages.map((v) => v.customers), c.minimum) },
    dataZoom: many ? [{ type: 'slider', startValue: 0, endValue: VISIBLE_VILLAGES - 1, height: 16, bottom: 4 }, { type: 'inside' }] : [],
    series: [
      {
        name: '客户数',
        type: 'bar',
        data: c.villages.map((v) => ({ value: v.customers, itemStyle: { color: v.belowMinimum ? SOFT_RED : GREEN } })),
        markLine: floorLine(c.minimum, `最少 ${c.minimum} 户`),
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
        u.weeks.map((w) => [`${w.weekStart} 起的一周${w.partial ? '（进行中）' : ''}`, `登录 ${w.logins} 次${w.belowFloor && !w.partial ? `，少于每周 ${u.floor} 次` : ''}`]),
      ),
    },
    xAxis: { type: 'category', data: u.weeks.map((w) => label(w.weekStart)) },
    yAxis: { type: 'value', minInterval: 1, max: topWithFloor(u.weeks.map((w) => w.logins), u.floor + 1) },
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
