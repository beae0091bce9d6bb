import { App, Button, Card, ConfigProvider, Popconfirm, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import { DUPLICATE_REASON_LABELS, type DuplicateGroup } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDate } from '../../lib/format';

type Member = DuplicateGroup['customers'][number];

const columns: ColumnsType<Member> = [
  { title: '姓名', dataIndex: 'name', width: 100 },
  { title: '身份证号', dataIndex: 'idNumber', width: 190, render: (v: string | null) => v ?? '—' },
  { title: '电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
  { title: '行政村', dataIndex: 'villageName', width: 120, render: (v: string | null) => v ?? '—' },
  { title: '地址', dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
  { title: '更新日期', dataIndex: 'updatedAt', width: 110, render: (v: string) => formatDate(v) },
];

/** Most recently maintained first: usually the record worth keeping. */
const newest = (g: DuplicateGroup) => [...g.customers].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]?.id ?? '';

interface Props {
  group: DuplicateGroup;
  onMerged: () => void;
}

/** One group of likely duplicates: pick the record to keep, the others are merged into it (history moves along). */
export function DuplicateGroupCard({ group, onMerged }: Props) {
  const [keepId, setKeepId] = useState(() => newest(group));
  const [merging, setMerging] = useState(false);
  const inFlight = useRef(false);
  const { message } = App.useApp();
  const keep = group.customers.find((c) => c.id === keepId);
  const others = group.customers.filter((c) => c.id !== keepId);

  const merge = async () => {
    if (inFlight.current || !keep) return;
    inFlight.current = true;
    setMerging(true);
    let merged = 0;
    try {
      for (const other of others) {
        await api['customers.merge']({ keepId, mergeId: other.id });
        merged++;
      }
      message.success(`已把 ${merged} 条记录合并到“${keep.name}”`);
    } catch (e) {
      message.error(`合并失败：${errorText(e)}${merged ? `（已合并 ${merged} 条）` : ''}`);
    } finally {
      inFlight.current = false;
      setMerging(false);
      onMerged();
    }
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <span>
          <Tag color="orange">{DUPLICATE_REASON_LABELS[group.reason]}</Tag>
          {group.customers.map((c) => c.name).join(' / ')}
        </span>
      }
      extra={
        <Popconfirm
          title={`保留“${keep?.name ?? ''}”，合并其余 ${others.length} 条？`}
          description="其余记录的空缺信息、用邮信息和维护记录并入保留的记录"
          okText="合并"
          cancelText="取消"
          onConfirm={() => merge()}
          disabled={!keep}
        >
          <Button type="primary" size="small" loading={merging} disabled={!keep}>
            合并
          </Button>
        </Popconfirm>
      }
      data-testid="duplicate-group"
    >
      {/* The kept record is marked by its radio and a light tint; the default selected colour is too heavy here. */}
      <ConfigProvider theme={{ components: { Table: { rowSelectedBg: '#eef7f1', rowSelectedHoverBg: '#e4f2e9' } } }}>
        <Table<Member>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={group.customers}
          pagination={false}
          rowSelection={{ type: 'radio', selectedRowKeys: [keepId], onChange: (keys) => setKeepId(String(keys[0])), columnTitle: '保留', columnWidth: 56 }}
          onRow={(c) => ({ onClick: () => setKeepId(c.id) })}
        />
      </ConfigProvider>
    </Card>
  );
}
