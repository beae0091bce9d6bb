import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography } from 'antd';
import { newRow, type FieldRow } from './templateDraft';

/** The campaign's own merge fields (截止日期, 礼品 …) as name/value rows. */
export function CustomFields({ rows, onChange }: { rows: FieldRow[]; onChange: (rows: FieldRow[]) => void }) {
  const set = (key: string, patch: Partial<FieldRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text type="secondary">自定义字段（本活动自己的内容，如礼品、截止日期；正文中写作 {'{字段名}'}）：</Typography.Text>
      {rows.map((r, i) => (
        <Space key={r.key} wrap>
          <Input
            style={{ width: 140 }}
            placeholder="字段名"
            maxLength={12}
            value={r.name}
            onChange={(e) => set(r.key, { name: e.target.value })}
            aria-label={`自定义字段名 ${i + 1}`}
          />
          <Input
            style={{ width: 280 }}
            placeholder="内容"
            maxLength={200}
            value={r.value}
            onChange={(e) => set(r.key, { value: e.target.value })}
            aria-label={`自定义字段内容 ${i + 1}`}
          />
          <Button type="text" icon={<DeleteOutlined />} onClick={() => onChange(rows.filter((x) => x.key !== r.key))} aria-label={`删除自定义字段 ${i + 1}`} />
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...rows, newRow()])}>
        添加字段
      </Button>
    </Space>
  );
}
