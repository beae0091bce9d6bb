/** Sortable, filterable table columns the pages share (antd filters with search for names). */
import type { ColumnType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { byText, int } from '../format';

type Key<T> = Extract<keyof T, string>;

/** A name column: sorted by pinyin order, filtered by ticking names (with a search box). */
export function nameColumn<T extends object>(title: string, key: Key<T>, rows: readonly T[], render?: (v: string, row: T) => ReactNode): ColumnType<T> {
  const names = [...new Set(rows.map((r) => String(r[key])))].sort(byText);
  return {
    title,
    dataIndex: key,
    key,
    fixed: 'left',
    sorter: (a, b) => byText(String(a[key]), String(b[key])),
    filters: names.map((n) => ({ text: n, value: n })),
    filterSearch: true,
    onFilter: (v, r) => String(r[key]) === v,
    ...(render ? { render: (v: unknown, r: T) => render(String(v), r) } : {}),
  };
}

/** A number column, right-aligned and sortable; rendered as a count unless told otherwise. */
export function numColumn<T extends object>(title: ReactNode, key: string, get: (r: T) => number | null, render?: (r: T) => ReactNode): ColumnType<T> {
  return {
    title,
    key,
    align: 'right',
    sorter: (a, b) => (get(a) ?? -1) - (get(b) ?? -1),
    render: (_: unknown, r: T) => (render ? render(r) : int(get(r))),
  };
}
