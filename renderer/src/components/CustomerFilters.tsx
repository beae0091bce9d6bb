import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space } from 'antd';
import { seesFullIds, type Village } from '../../../shared/domain';
import { GRADE_LABELS, type Grade } from '../../../shared/grading';
import { useSession } from '../lib/session';
import { VillagePicker } from './VillagePicker';

export interface CustomerFilterValues {
  search: string;
  villageId: string | undefined;
  grade: Grade | undefined;
}

interface Props {
  value: CustomerFilterValues;
  /** Null when the role does not read the village list (a carrier's round): no village filter then. */
  villages: Village[] | null;
  onChange: (v: CustomerFilterValues) => void;
  onReload: () => void;
}

const GRADE_OPTIONS = ([1, 2, 3, 4] as const).map((g) => ({ value: g, label: GRADE_LABELS[g] }));

export function CustomerFilters({ value, villages, onChange, onReload }: Props) {
  // Roles that see ID numbers masked find a customer by the whole number only (the backend refuses fragments).
  const idHint = seesFullIds(useSession().user.role) ? '身份证号' : '完整身份证号';
  return (
    <Space style={{ marginBottom: 12 }} wrap>
      <Input
        allowClear
        autoFocus
        prefix={<SearchOutlined />}
        placeholder={`输入姓名、电话或${idHint}查找`}
        title="姓名也可输入拼音首字母，如 wxm 查找王小明"
        value={value.search}
        maxLength={100}
        onChange={(e) => onChange({ ...value, search: e.target.value })}
        style={{ width: 320 }}
      />
      {villages && (
        <VillagePicker
          placeholder="全部行政村"
          value={value.villageId}
          onChange={(villageId) => onChange({ ...value, villageId })}
          villages={villages}
          showCounts
          style={{ width: 260 }}
        />
      )}
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
