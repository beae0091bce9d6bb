import { Segmented, Select, Space } from 'antd';
import type { Quarter } from '../../../../shared/dashboard';
import { QUARTER_LABELS } from './charts/common';

export interface PeriodValue {
  year: number;
  quarter: Quarter | null;
}

/** Years a supervisor looks back on: this one, next one (plans), and five before. */
function yearOptions(now: Date) {
  const y = now.getFullYear();
  return Array.from({ length: 7 }, (_, i) => y + 1 - i).map((v) => ({ value: v, label: `${v} 年` }));
}

const QUARTERS = [{ value: 0, label: '全年' }, ...QUARTER_LABELS.map((label, i) => ({ value: i + 1, label }))];

export function PeriodPicker({ value, onChange }: { value: PeriodValue; onChange: (v: PeriodValue) => void }) {
  return (
    <Space wrap>
      <Select<number>
        value={value.year}
        options={yearOptions(new Date())}
        onChange={(year) => onChange({ ...value, year })}
        style={{ width: 110 }}
        aria-label="年份"
        data-testid="dashboard-year"
      />
      <Segmented<number>
        value={value.quarter ?? 0}
        options={QUARTERS}
        onChange={(q) => onChange({ ...value, quarter: q === 0 ? null : (q as Quarter) })}
        data-testid="dashboard-quarter"
      />
    </Space>
  );
}
