/** How the console writes money, rates, dates and "how long ago" — one way everywhere. */
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import 'dayjs/locale/zh-cn';

dayjs.extend(relativeTime);
dayjs.locale('zh-cn');

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('zh-CN');

/** Fen as ¥1,234.50. */
export const money = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '—' : `¥${yuan.format(fen / 100)}`);

export const int = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : count.format(n));

/** A fraction as a percentage with one decimal. */
export const pct = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)}%`);

export const date = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

export const dateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** "3 小时前", measured against the hub's clock (the answer's `now`), not this PC's. */
export const ago = (iso: string | null | undefined, now: string): string => (iso ? dayjs(iso).from(dayjs(now)) : '从未同步');

export const byText = (a: string, b: string): number => a.localeCompare(b, 'zh-CN');

/** A floor as people say it: 80%, 5%, 90% (no trailing .0). */
export const floorPct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
