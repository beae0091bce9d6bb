import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Space, Spin, Typography } from 'antd';
import { useCallback, type ReactNode } from 'react';
import type { Customer, MaintenanceEvent } from '../../../../shared/domain';
import { api } from '../../api';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { GradeTag } from '../GradeTag';
import { CustomerHistoryTable } from './CustomerHistoryTable';
import { CustomerProfile } from './CustomerProfile';
import { CustomerUsageTable } from './CustomerUsageTable';

interface Props {
  /** The customer to show; null = closed. */
  customerId: string | null;
  onClose: () => void;
  /** Switches to the edit form for this customer. */
  onEdit: (id: string) => void;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ marginTop: 20 }}>
      <Typography.Title level={5} style={{ marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}

function Bookkeeping({ c }: { c: Customer }) {
  const by = (who: string | null) => (who ? `（${who}）` : '');
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      items={[
        { key: 'grade', label: '数据等级', children: <GradeTag grade={c.grade} /> },
        { key: 'selected', label: '被筛选次数', children: `${c.selectionCount} 次${c.lastSelectedAt ? `（最近 ${formatDate(c.lastSelectedAt)}）` : ''}` },
        { key: 'created', label: '建档', children: `${formatDate(c.createdAt)}${by(c.createdBy)}` },
        { key: 'maintained', label: '最近维护', children: c.maintainedAt ? `${formatDate(c.maintainedAt)}${by(c.maintainedBy)}` : '—' },
        { key: 'verified', label: '核实保留', children: formatDate(c.verifiedAt) || '—', span: 2 },
      ]}
    />
  );
}

/** Loads one customer and its history; mounted only while the drawer shows that customer. */
function CustomerDetail({ id }: { id: string }) {
  const customer = useLoader(useCallback(() => api['customers.get']({ id }), [id]));
  const history = useLoader<MaintenanceEvent[]>(useCallback(() => api['customers.history']({ id }), [id]));
  if (customer.error) return <Alert type="error" showIcon title={`读取客户资料失败：${customer.error}`} />;
  const c = customer.data;
  if (!c) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin /> <span style={{ marginLeft: 8 }}>正在读取客户资料…</span>
      </div>
    );
  }
  return (
    <div data-testid="customer-detail">
      <Space style={{ marginBottom: 12 }} align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {c.name}
        </Typography.Title>
        <GradeTag grade={c.grade} />
        {c.code && (
          <Typography.Text copyable={{ text: c.code, tooltips: ['复制客户编号', '已复制'] }} data-testid="customer-code">
            客户编号 {c.code}
          </Typography.Text>
        )}
      </Space>
      <CustomerProfile customer={c} />
      <Section title="用邮信息">
        <CustomerUsageTable usage={c.usage} />
      </Section>
      <Section title="维护情况">
        <Bookkeeping c={c} />
      </Section>
      <Section title="维护记录">
        <CustomerHistoryTable events={history.data} loading={history.loading} error={history.error} />
      </Section>
    </div>
  );
}

/** Read-only view of one customer: grade, what the ID number tells, usage, and who maintained it when. */
export function CustomerDetailDrawer({ customerId, onClose, onEdit }: Props) {
  const canEdit = useCan('customers.update');
  return (
    <Drawer
      title="客户详情"
      open={customerId !== null}
      size={720}
      onClose={onClose}
      destroyOnHidden
      extra={
        customerId &&
        canEdit && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(customerId)}>
            编辑
          </Button>
        )
      }
    >
      {customerId && <CustomerDetail key={customerId} id={customerId} />}
    </Drawer>
  );
}
