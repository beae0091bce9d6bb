import { Checkbox, Form, InputNumber, Radio, Select, Space } from 'antd';
import { useMemo } from 'react';
import type { Village } from '../../../../shared/domain';
import { GRADE_LABELS, type Grade } from '../../../../shared/grading';
import { INCOME_SUGGESTIONS, TAG_SUGGESTIONS } from '../../lib/constants';
import { villageRank } from '../../lib/villageSearch';
import type { FilterPatch, SegmentFilter } from './segmentFilter';

interface Props {
  value: SegmentFilter;
  onChange: (patch: FilterPatch) => void;
  villages: readonly Village[];
  householdTypes: readonly string[];
  disabled?: boolean;
}

const GRADE_OPTIONS = ([1, 2, 3, 4] as Grade[]).map((g) => ({ value: g, label: GRADE_LABELS[g] }));
const toOptions = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/** Who the customers are: where they live, household type, tags, grade, age, sex, income, phone. */
export function SegmentPeopleFields({ value: f, onChange, villages, householdTypes, disabled }: Props) {
  const villageOptions = useMemo(() => villages.map((v) => ({ value: v.id, label: v.name, village: v })), [villages]);
  const sex = f.sex ?? 'any';
  const phone = f.hasPhone === undefined ? 'any' : f.hasPhone ? 'yes' : 'no';
  return (
    <>
      <Form.Item label="行政村/单元">
        <Select
          mode="multiple"
          allowClear
          disabled={disabled}
          placeholder="不限（可输入村名或拼音首字母）"
          options={villageOptions}
          value={f.villageIds ?? []}
          onChange={(ids: string[]) => onChange({ villageIds: ids })}
          showSearch={{ filterOption: (input, opt) => (opt ? villageRank(opt.village, input) !== null : false) }}
          maxTagCount="responsive"
          data-testid="filter-villages"
        />
      </Form.Item>
      <Form.Item label="户类型">
        <Select
          mode="multiple"
          allowClear
          disabled={disabled}
          placeholder="不限"
          options={toOptions(householdTypes)}
          value={f.householdTypes ?? []}
          onChange={(v: string[]) => onChange({ householdTypes: v })}
        />
      </Form.Item>
      <Form.Item label="标签（任一）">
        <Select
          mode="tags"
          allowClear
          disabled={disabled}
          placeholder="不限"
          options={toOptions(TAG_SUGGESTIONS)}
          value={f.tags ?? []}
          onChange={(v: string[]) => onChange({ tags: v })}
        />
      </Form.Item>
      <Form.Item label="数据等级">
        <Checkbox.Group disabled={disabled} options={GRADE_OPTIONS} value={f.grades ?? []} onChange={(v) => onChange({ grades: v as Grade[] })} />
      </Form.Item>
      <Form.Item label="年龄（按身份证）">
        <Space>
          <InputNumber<number>
            min={0}
            max={120}
            precision={0}
            disabled={disabled}
            placeholder="最小"
            value={f.ageMin ?? null}
            onChange={(v) => onChange({ ageMin: v ?? undefined })}
            aria-label="最小年龄"
          />
          <span>至</span>
          <InputNumber<number>
            min={0}
            max={120}
            precision={0}
            disabled={disabled}
            placeholder="最大"
            value={f.ageMax ?? null}
            onChange={(v) => onChange({ ageMax: v ?? undefined })}
            aria-label="最大年龄"
          />
          <span>岁</span>
        </Space>
      </Form.Item>
      <Form.Item label="性别">
        <Radio.Group
          disabled={disabled}
          optionType="button"
          value={sex}
          onChange={(e) => onChange({ sex: e.target.value === 'any' ? undefined : (e.target.value as 'M' | 'F') })}
          options={[
            { value: 'any', label: '不限' },
            { value: 'M', label: '男' },
            { value: 'F', label: '女' },
          ]}
        />
      </Form.Item>
      <Form.Item label="收入档次">
        <Select
          mode="tags"
          allowClear
          disabled={disabled}
          placeholder="不限"
          options={toOptions(INCOME_SUGGESTIONS)}
          value={f.incomeBands ?? []}
          onChange={(v: string[]) => onChange({ incomeBands: v })}
        />
      </Form.Item>
      <Form.Item label="手机">
        <Radio.Group
          disabled={disabled}
          optionType="button"
          value={phone}
          onChange={(e) => onChange({ hasPhone: e.target.value === 'any' ? undefined : e.target.value === 'yes' })}
          options={[
            { value: 'any', label: '不限' },
            { value: 'yes', label: '有手机' },
            { value: 'no', label: '无手机/空号' },
          ]}
        />
      </Form.Item>
    </>
  );
}
