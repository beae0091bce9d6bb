import { App, Button, Card, ConfigProvider, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import { DUPLICATE_REASON_LABELS, type DuplicateGroup, type DuplicateReason } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDate } from '../../lib/format';

type Member = DuplicateGroup['customers'][number];

const reasonTags = (reasons: DuplicateReason[]) =>
  reasons.map((r) => (
    <Tag key={r} color={r === 'idNumber' || r === 'mobile' ? 'orange' : 'gold'}>
      {DUPLICATE_REASON_LABELS[r]}
    </Tag>
  ));

/** What ties a member to the record being kept: the reasons of their pair, if the finder proposed one. */
function basisOf(group: DuplicateGroup, keepId: string, id: string): DuplicateReason[] | null {
  if (id === keepId) return null;
  return group.pairs.find((p) => (p.a === keepId && p.b === id) || (p.b === keepId && p.a === id))?.reasons ?? null;
}

const nameColumn: ColumnsType<Member>[number] = { title: '姓名', dataIndex: 'name', width: 90, ellipsis: true };
/** After the name and why the pair was proposed, so both show at 1024 wide without scrolling. */
const factColumns: ColumnsType<Member> = [
  { title: '电话', dataIndex: 'phone', width: 124, render: (v: string | null) => v ?? '—' },
  { title: '地址', dataIndex: 'address', width: 150, ellipsis: true, render: (v: string | null) => v ?? '—' },
  { title: '行政村', dataIndex: 'villageName', width: 100, ellipsis: true, render: (v: string | null) => v ?? '—' },
  { title: '身份证号', dataIndex: 'idNumber', width: 186, render: (v: string | null) => v ?? '—' },
  { title: '客户编号', dataIndex: 'code', width: 104, render: (v: string | null) => v ?? '—' },
  { title: '更新日期', dataIndex: 'updatedAt', width: 104, render: (v: string) => formatDate(v) },
];

/** Most recently maintained first: usually the record worth keeping. */
const newest = (g: DuplicateGroup) => [...g.customers].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]?.id ?? '';

interface Props {
  group: DuplicateGroup;
  /** After a merge or 不是同一人: the list is read again. */
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

  /** 不是同一人: every proposed pair of the group (two records), or those of one member (a larger group). */
  const notSame = async (memberId: string | null) => {
    const pairs = group.pairs.filter((p) => memberId === null || p.a === memberId || p.b === memberId).map(({ a, b }) => ({ a, b }));
    try {
      await api['customers.notDuplicate']({ pairs });
      message.success(memberId === null ? '已标记为不是同一人，不会再作为重复客户列出' : '已把该记录移出这一组');
    } catch (e) {
      message.error(`标记失败：${errorText(e)}`);
    }
    onMerged();
  };
  const columns: ColumnsType<Member> = [
    nameColumn,
    {
      title: '为何列为重复',
      key: 'basis',
      width: 180,
      render: (_: unknown, m) => {
        if (m.id === keepId) return <Typography.Text type="secondary">保留</Typography.Text>;
        const basis = basisOf(group, keepId, m.id);
        return (
          <Space size={4} wrap>
            {basis ? reasonTags(basis) : <Typography.Text type="secondary">经组内其他记录关联</Typography.Text>}
            {group.customers.length > 2 && (
              <Button type="link" size="small" onClick={(e) => (e.stopPropagation(), void notSame(m.id))}>
                不是同一人
              </Button>
            )}
          </Space>
        );
      },
    },
    ...factColumns,
  ];

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
          {reasonTags(group.reasons)}
          {group.customers.map((c) => c.name).join(' / ')}
        </span>
      }
      extra={
        <Space>
          {group.customers.length === 2 && (
            <Popconfirm
              title="这两条记录不是同一人？"
              description="标记后不再作为重复客户列出"
              okText="不是同一人"
              cancelText="取消"
              onConfirm={() => notSame(null)}
            >
              <Button size="small">不是同一人</Button>
            </Popconfirm>
          )}
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
        </Space>
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
          scroll={{ x: 1100 }}
          rowSelection={{ type: 'radio', selectedRowKeys: [keepId], onChange: (keys) => setKeepId(String(keys[0])), columnTitle: '保留', columnWidth: 56 }}
          onRow={(c) => ({ onClick: () => setKeepId(c.id) })}
        />
      </ConfigProvider>
    </Card>
  );
}
