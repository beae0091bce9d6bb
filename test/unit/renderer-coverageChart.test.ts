/**
 * 村客户覆盖 as a supervisor reads it: one horizontal bar per village, furthest behind on top, the village's name
 * whole and level (not slanted and cut off), the count at the bar's end, and the 100-户 line always in view —
 * also for a new branch whose villages are all still empty.
 */
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/dashboard';
import { coverageOption } from '../../renderer/src/pages/reports/charts/branchCharts';

const coverage = (counts: number[]): Dashboard['coverage'] => ({
  minimum: 100,
  belowMinimum: counts.filter((n) => n < 100).length,
  villages: counts.map((n, i) => ({ villageId: `v${i}`, name: `王家庄${i}村村民委员会`, customers: n, belowMinimum: n < 100 })),
});

type Axis = { type: string; data?: string[]; max?: number; inverse?: boolean; axisLabel?: { rotate?: number; overflow?: string } };
type Bar = { data: { value: number }[]; label?: { show: boolean }; markLine: { data: { xAxis?: number; yAxis?: number }[] } };

describe('village coverage chart', () => {
  it('lays the villages out as rows with readable names and the 100 line on the count axis', () => {
    const o = coverageOption(coverage([0, 12, 130]));
    const names = o.yAxis as Axis;
    const counts = o.xAxis as Axis;
    expect(names.type).toBe('category');
    expect(names.inverse).toBe(true); // the first (furthest behind) at the top
    expect(names.data).toEqual(['王家庄0村', '王家庄1村', '王家庄2村']);
    expect(names.axisLabel?.rotate ?? 0).toBe(0);
    expect(counts.type).toBe('value');
    const bar = (o.series as Bar[])[0]!;
    expect(bar.data.map((d) => d.value)).toEqual([0, 12, 130]);
    expect(bar.label?.show).toBe(true);
    expect(bar.markLine.data).toEqual([{ xAxis: 100 }]);
  });

  it('keeps the 100 line in view when every village is still empty', () => {
    const counts = coverageOption(coverage([0, 0, 0])).xAxis as Axis;
    expect(counts.max).toBeGreaterThanOrEqual(120);
  });

  it('scrolls through many villages instead of squeezing them', () => {
    const o = coverageOption(coverage(Array.from({ length: 60 }, (_, i) => i * 3)));
    const zoom = o.dataZoom as { yAxisIndex?: number; startValue?: number; endValue?: number }[];
    expect(zoom[0]).toMatchObject({ yAxisIndex: 0, startValue: 0 });
    expect(zoom[0]!.endValue).toBeLessThanOrEqual(12);
  });
});

describe('plan charts of a branch with nothing yet', () => {
  it('never ticks the money axis at fractions of a yuan (¥0 ¥0 ¥0 ¥1 ¥1 ¥1)', async () => {
    const { planOption } = await import('../../renderer/src/pages/reports/charts/planCharts');
    const nothing = {
      annualTarget: null,
      current: null,
      points: ([1, 2, 3, 4] as const).map((quarter) => ({ quarter, planShare: quarter / 4, plan: 0, actual: quarter < 4 ? 0 : null })),
    };
    const axis = planOption(nothing, { name: '累计收入', money: true }, null).yAxis as { minInterval?: number };
    expect(axis.minInterval).toBeGreaterThanOrEqual(1);
  });
});
