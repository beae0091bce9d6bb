import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space } from 'antd';
import type { Village } from '../../../shared/domain';
import { GRADE_LABELS, type Grade } from '../../../shared/grading';
import { VillagePicker } from './VillagePicker';

export interface CustomerFilterValues {
  search: string;
  villageId: string | undefined;
  grade: Grade | undefined;
}

interface Props {
  value: CustomerFilterValues;
  villages: Village[];
  onChange: (v: CustomerFilterValues) => void;
  onReload: () => void;
}

const GRADE_OPTIONS = ([1, 2, 3, 4] as const).map((g) => ({ value: g, label: GRADE_LABELS[g] }));

export function CustomerFilters({ value, villages, onChange, onReload }: Props) {
  return (
    <Space style={{ marginBottom: 12 }} wrap>
      <Input
        allowClear
        autoFocus
        prefix={<SearchOutlined />}
        placeholder="输入姓名、电话或身份证号查找"
        value={value.search}
        maxLength={100}
        onChange={(e) => onChange({ ...value, search: e.target.value })}
        style={{ width: 320 }}
      />
      <VillagePicker
        placeholder="全部行政村"
        value={value.villageId}
        onChange={(villageId) => onChange({ ...value, villageId })}
        villages={villages}
        showCounts
        style={{ width: 260 }}
      />
      <Select<Grade>
        allowClear
        placeholder="全部等级"
        value={value.grade}
        onChange={(grade) => onChange({ ...value, grade })}
        options={GRADE_OPTIONS}
        style={{ width: 120 }}
      />
      <Button icon={<ReloadOutlined />} onClick={onReload}>
        刷新
      </Button>
    </Space>
  );
}
