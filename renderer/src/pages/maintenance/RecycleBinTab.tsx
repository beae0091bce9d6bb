import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useRef, useState } from 'react';
import type { DeletedCustomer } from '../../../../shared/recycle';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/hooks';
import { useLoader } from '../../lib/useLoader';

/**
 * 已删除: customers deleted by hand or in a clean-up, newest first, with who, when and why; 恢复 within the
 * retention period. Merged records and erasures are not here: they never come back.
 */
export function RecycleBinTab() {
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 200);
  const list = useLoader(useCallback(() => api['customers.deleted']({ ...(query ? { query } : {}), limit: 1000 }), [query]));
  const [busy, setBusy] = useState<string | null>(null);
  const inFlight = useRef(false);
  const { message } = App.useApp();

  const restore = async (c: DeletedCustomer) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(c.id);
    try {
      await api['customers.restore']({ id: c.id });
      message.success(`已恢复客户“${c.name}”`);
    } catch (e) {
      message.error(`恢复失败：${errorText(e)}`);
    } finally {
      inFlight.current = false;
      setBusy(null);
      void list.reload();
    }
  };

  // Who, when and why first: at 1024 wide the address is what gives way.
  const columns: ColumnsType<DeletedCustomer> = [
    { title: '姓名', dataIndex: 'name', width: 90, ellipsis: true },
    { title: '客户编号', dataIndex: 'code', width: 104, render: (v: string | null) => v ?? '—' },
    { title: '删除时间', dataIndex: 'deletedAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: '删除人', dataIndex: 'deletedBy', width: 84, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '原因', dataIndex: 'reason', width: 84, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '行政村', dataIndex: 'villageName', width: 96, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: '地址', dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'restore',
      width: 80,
      fixed: 'right',
      render: (_: unknown, c) =>
        c.blocked ? (
          <Tooltip title={c.blocked}>
            <Typography.Text type="secondary">不能恢复</Typography.Text>
          </Tooltip>
        ) : (
          <Tooltip title={`${formatDate(c.restorableUntil)} 前可恢复`}>
            <Button type="link" size="small" loading={busy === c.id} onClick={() => void restore(c)}>
              恢复
            </Button>
          </Tooltip>
        ),
    },
  ];

  const data = list.data;
  return (
    <div data-testid="recycle-bin">
      <Typography.Paragraph type="secondary">
        删除的客户保留 {data?.retentionDays ?? 90} 天，期间可以恢复；合并掉的记录和按个人信息删除请求清除的记录不在这里，也不能恢复。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder="姓名、电话、地址或客户编号"
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 280 }}
          aria-label="查找已删除的客户"
        />
        <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
          刷新
        </Button>
        {data && (
          <Typography.Text>
            共 {data.total} 户{data.rows.length < data.total ? `，显示最近 ${data.rows.length} 户` : ''}
          </Typography.Text>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={`读取已删除的客户失败：${list.error}`} style={{ marginBottom: 12 }} />}
      <Table<DeletedCustomer>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={data?.rows ?? []}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: query ? '没有符合条件的已删除客户' : '没有已删除的客户' }}
      />
    </div>
  );
}
