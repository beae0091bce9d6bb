import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Select, Space } from 'antd';
import { useLineOptions } from '../../lib/useLineOptions';
import { OUTCOME_OPTIONS } from './labels';
import type { FilterPatch, SegmentFilter } from './segmentFilter';

interface Props {
  value: SegmentFilter;
  onChange: (patch: FilterPatch) => void;
  disabled?: boolean;
}

type Usage = NonNullable<SegmentFilter['usage']>[number];
type OutcomeCode = NonNullable<SegmentFilter['lastOutcomes']>[number];

const HAS_OPTIONS = [
  { value: 'has', label: '在用' },
  { value: 'not', label: '未用' },
];

/** Keeps the chosen 乙 unless it now equals 甲. */
const otherLine = (lines: readonly { value: string }[], uses: string, current: string | undefined) =>
  current && current !== uses ? current : lines.find((o) => o.value !== uses)!.value;

/** What they use of the post: usage lines, win-back of lapsed users, cross-sell, and outcomes in earlier campaigns. */
export function SegmentUsageFields({ value: f, onChange, disabled }: Props) {
  const lineOptions = useLineOptions();
  const usage = f.usage ?? [];
  const setUsage = (i: number, u: Usage) => onChange({ usage: usage.map((x, k) => (k === i ? u : x)) });
  const winBack = f.winBack;
  const cross = f.crossSell;
  return (
    <>
      <Form.Item label="用邮信息" extra="每一条都要满足">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {usage.map((u, i) => (
            <Space key={i} data-testid="usage-row">
              <Select
                style={{ width: 90 }}
                disabled={disabled}
                options={HAS_OPTIONS}
                value={u.has ? 'has' : 'not'}
                onChange={(v) => setUsage(i, { ...u, has: v === 'has' })}
              />
              <Select
                style={{ width: 120 }}
                disabled={disabled}
                options={lineOptions}
                value={u.line}
                onChange={(line: string) => setUsage(i, { ...u, line })}
              />
              <Button
                type="text"
                disabled={disabled}
                icon={<DeleteOutlined />}
                aria-label="删除此条件"
                onClick={() => onChange({ usage: usage.filter((_, k) => k !== i) })}
              />
            </Space>
          ))}
          {usage.length < 10 && (
            <Button size="small" disabled={disabled} icon={<PlusOutlined />} onClick={() => onChange({ usage: [...usage, { line: '储蓄', has: true }] })}>
              添加用邮条件
            </Button>
          )}
        </Space>
      </Form.Item>
      <Form.Item label="流失挽回" extra="用过该业务，但最近若干个月没有再用">
        <Space>
          <Select
            style={{ width: 120 }}
            allowClear
            disabled={disabled}
            placeholder="不限"
            options={lineOptions}
            value={winBack?.line}
            onChange={(line: string | undefined) => onChange({ winBack: line ? { line, months: winBack?.months ?? 12 } : undefined })}
          />
          <span>近</span>
          <InputNumber<number>
            min={1}
            max={120}
            precision={0}
            disabled={disabled || !winBack}
            value={winBack?.months ?? 12}
            onChange={(m) => winBack && onChange({ winBack: { line: winBack.line, months: m ?? 12 } })}
            aria-label="未再使用的月数"
          />
          <span>个月未用</span>
        </Space>
      </Form.Item>
      <Form.Item label="交叉销售" extra="在用甲业务、尚未使用乙业务的客户">
        <Space>
          <span>在用</span>
          <Select
            style={{ width: 120 }}
            allowClear
            disabled={disabled}
            placeholder="甲业务"
            options={lineOptions}
            value={cross?.uses}
            onChange={(uses: string | undefined) => onChange({ crossSell: uses ? { uses, notUses: otherLine(lineOptions, uses, cross?.notUses) } : undefined })}
          />
          <span>未用</span>
          <Select
            style={{ width: 120 }}
            disabled={disabled || !cross}
            placeholder="乙业务"
            options={lineOptions.filter((o) => o.value !== cross?.uses)}
            value={cross?.notUses}
            onChange={(notUses: string) => cross && onChange({ crossSell: { uses: cross.uses, notUses } })}
          />
        </Space>
      </Form.Item>
      <Form.Item label="以往活动上次结果">
        <Select
          mode="multiple"
          allowClear
          disabled={disabled}
          placeholder="不限"
          options={OUTCOME_OPTIONS}
          value={f.lastOutcomes ?? []}
          onChange={(v: OutcomeCode[]) => onChange({ lastOutcomes: v })}
        />
      </Form.Item>
    </>
  );
}
