/** The dashboard's chart options: plan lines where the plans say, floors kept in view, clerks' names escaped. */
import { describe, expect, it } from 'vitest';
import type { PlanSeries } from '../../shared/dashboard';
import { ratesOption } from '../../renderer/src/pages/reports/charts/campaignCharts';
import { roundUp, tooltipLines, topWithFloor } from '../../renderer/src/pages/reports/charts/common';
import { planOption } from '../../renderer/src/pages/reports/charts/planCharts';

const revenue: PlanSeries = {
  annualTarget: 1_000_000_00,
  points: [
    { quarter: 1, planShare: 0.25, plan: 250_000_00, actual: 300_000_00 },
    { quarter: 2, planShare: 0.5, plan: 500_000_00, actual: 420_000_00 },
    { quarter: 3, planShare: 0.75, plan: 750_000_00, actual: null },
    { quarter: 4, planShare: 1, plan: 1_000_000_00, actual: null },
  ],
  current: { quarter: 2, plan: 500_000_00, actual: 420_000_00, onTrack: false },
};

type Segment = [{ coord: [number, number] }, { coord: [number, number] }];
const seriesOf = (o: ReturnType<typeof planOption>) =>
  (o.series as { data: { value: [number, number | null]; itemStyle: { color: string } }[]; markLine?: { data: Segment[] } }[])[0]!;

describe('dashboard charts', () => {
  it('draws each quarter’s cumulative plan as a markLine across its bar, in yuan, with the axis holding the top plan', () => {
    const o = planOption(revenue, { name: '累计收入', money: true }, null);
    const s = seriesOf(o);
    const segments = s.markLine!.data;
    expect(segments.map(([a, b]) => [a.coord[1], b.coord[1]])).toEqual([
      [250_000, 250_000],
      [500_000, 500_000],
      [750_000, 750_000],
      [1_000_000, 1_000_000],
    ]);
    // Each segment is centred on its quarter's bar.
    segments.forEach(([a, b], i) => expect((a.coord[0] + b.coord[0]) / 2).toBeCloseTo(i));
    expect((o.yAxis as { max: number }).max).toBeGreaterThanOrEqual(1_000_000);
    // Ahead of plan green, behind it orange, not begun grey.
    expect(s.data.map((d) => d.value[1])).toEqual([300_000, 420_000, null, null]);
    expect(s.data.map((d) => d.itemStyle.color)).toEqual(['#0b7a3e', '#fa8c16', '#bfbfbf', '#bfbfbf']);
  });

  it('has no plan line without an annual target', () => {
    const o = planOption({ ...revenue, annualTarget: null, current: null }, { name: '累计收入', money: true }, 2);
    expect(seriesOf(o).markLine).toBeUndefined();
  });

  it('keeps a floor in view when everything is below it, and rounds axis tops', () => {
    expect(topWithFloor([30, 80], 100)).toBe(200);
    expect(topWithFloor([130], 100)).toBeUndefined();
    expect([roundUp(1.2), roundUp(430), roundUp(61_000), roundUp(0)]).toEqual([2, 500, 70_000, 1]);
    const rates = ratesOption([{ id: 'a', name: 'x', targets: 100, visited: 2, success: 1, feedbackRate: 0.02, successRate: 0.01, feedbackLow: true }], 0.05);
    expect((rates.yAxis as { max: number }).max).toBe(7);
  });

  it('escapes names in tooltips, since ECharts shows a formatter’s string as HTML', () => {
    const format = tooltipLines([['<img src=x onerror=alert(1)>村', '5 户']]);
    const html = format({ dataIndex: 0 } as never);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
    expect(html).toContain('<br/>5 户');
  });
});
