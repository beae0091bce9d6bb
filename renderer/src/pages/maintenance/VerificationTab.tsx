import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import type { VerificationItem, VerificationMonth } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { VerificationCompleteModal } from './VerificationCompleteModal';

const loadMonth = () => api['verification.current']({});

/** onComplete is null for a role that may look at the sample but not tick it off. */
function columns(onComplete: ((i: VerificationItem) => void) | null): ColumnsType<VerificationItem> {
  return [
    { title: '村/单元', dataIndex: 'villageName', sorter: (a, b) => a.villageName.localeCompare(b.villageName, 'zh-CN') },
    { title: '客户数', dataIndex: 'customers', width: 100, align: 'right', sorter: (a, b) => a.customers - b.customers },
    { title: '抽取日期', dataIndex: 'drawnAt', width: 120, render: (v: string) => formatDate(v) },
    {
      title: '状态',
      key: 'state',
      width: 100,
      render: (_: unknown, i) => (i.doneAt ? <Tag color="green">已核查</Tag> : <Tag color="orange">待核查</Tag>),
      filters: [
        { text: '待核查', value: 'pending' },
        { text: '已核查', value: 'done' },
      ],
      onFilter: (value, i) => (value === 'done') === (i.doneAt !== null),
    },
    { title: '完成日期', dataIndex: 'doneAt', width: 120, render: (v: string | null) => formatDate(v) || '—' },
    { title: '核查人', dataIndex: 'doneBy', width: 110, render: (v: string | null) => v ?? '—' },
    { title: '备注', dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_: unknown, i) =>
        i.doneAt || !onComplete ? null : (
          <Button type="link" size="small" onClick={() => onComplete(i)}>
            完成核查
          </Button>
        ),
    },
  ];
}

/** 核查抽样: about 8% of villages/units each month get a full verification; draw the sample, then tick them off. */
export function VerificationTab() {
  const month = useLoader(loadMonth);
  const [shown, setShown] = useState<VerificationMonth | null>(null);
  const [completing, setCompleting] = useState<VerificationItem | null>(null);
  const [drawing, setDrawing] = useState(false);
  const inFlight = useRef(false);
  const { message } = App.useApp();
  const canDraw = useCan('verification.draw');
  const canComplete = useCan('verification.complete');
  const m = shown ?? month.data;

  const draw = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setDrawing(true);
    try {
      const next = await api['verification.draw']({});
      setShown(next);
      message.success(`已抽取本月样本 ${next.items.length} 个村/单元`);
    } catch (e) {
      message.error(`抽取失败：${errorText(e)}`);
    } finally {
      inFlight.current = false;
      setDrawing(false);
    }
  };

  const done = m?.items.filter((i) => i.doneAt).length ?? 0;
  return (
    <div>
      {month.error && <Alert type="error" showIcon title={`读取核查样本失败：${month.error}`} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }} wrap>
        {canDraw && (
          <Button type="primary" loading={drawing} disabled={!m || m.items.length >= m.targetCount} onClick={() => void draw()}>
            抽取本月样本（约 8%）
          </Button>
        )}
        {m && (
          <Typography.Text data-testid="verification-summary">
            {m.month} 应核查 {m.targetCount} 个村/单元，已抽取 {m.items.length} 个，已完成 {done} 个
          </Typography.Text>
        )}
      </Space>
      <Table<VerificationItem>
        rowKey="id"
        size="middle"
        loading={month.loading && !m}
        columns={columns(canComplete ? setCompleting : null)}
        dataSource={m?.items ?? []}
        pagination={false}
        locale={{ emptyText: '本月尚未抽取样本，点击“抽取本月样本”' }}
      />
      <VerificationCompleteModal
        item={completing}
        onClose={() => setCompleting(null)}
        onDone={(next) => {
          setCompleting(null);
          setShown(next);
        }}
      />
    </div>
  );
}
