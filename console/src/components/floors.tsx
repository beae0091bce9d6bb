/** Rates judged against their floor: green when reached, red when not — the same colours in tables and charts. */
import { Tooltip } from 'antd';
import { floorPct, pct } from '../format';

export const GREEN = '#0b7a3e';
export const RED = '#cf1322';
/** The lighter pair, for a second series beside the first. */
export const PALE_GREEN = '#7fb895';
export const PALE_RED = '#f0a3a3';

export function Rate({ value, floor, hint }: { value: number | null; floor: number; hint?: string }) {
  if (value === null) return <span>—</span>;
  const ok = value >= floor;
  const text = (
    <span style={{ color: ok ? GREEN : RED, fontWeight: 500 }} data-ok={ok ? 'yes' : 'no'}>
      {pct(value)}
    </span>
  );
  return <Tooltip title={hint ?? `${ok ? '已达到' : '未达到'} ${floorPct(floor)}`}>{text}</Tooltip>;
}

/** A bar chart's markLine for a floor, labelled with it. */
export const floorLine = (floor: number, label: string) => ({
  silent: true,
  symbol: 'none',
  lineStyle: { color: RED, type: 'dashed' as const },
  label: { formatter: `${label} ${floorPct(floor)}`, position: 'insideEndTop' as const },
  data: [{ yAxis: floor * 100 }],
});

/** A column title with its floor or plan on a second, quieter line: narrow columns, nothing hidden. */
export function Head({ title, sub }: { title: string; sub: string }) {
  return (
    <span style={{ display: 'inline-block', lineHeight: 1.25 }}>
      {title}
      <br />
      <span style={{ fontWeight: 400, fontSize: 12, color: '#6b7280' }}>{sub}</span>
    </span>
  );
}

/** Values above the bars, so a branch at 0% still shows a figure instead of an empty slot. */
export const barLabel = { show: true, position: 'top' as const, formatter: '{c}%', fontSize: 11 };
