import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Village } from '../../../shared/domain';
import { api } from '../api';
import { VillageCreateModal } from '../components/VillageCreateModal';
import { VillageRenameModal } from '../components/VillageRenameModal';
import { errorText } from '../lib/errors';

export function VillagesPage() {
  const [villages, setVillages] = useState<Village[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Village | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setVillages(await api['villages.list']({}));
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => {
    const f = filter.trim();
    return f ? villages.filter((v) => v.name.includes(f) || (v.code ?? '').includes(f) || (v.postalCode ?? '').includes(f)) : villages;
  }, [villages, filter]);

  const columns: ColumnsType<Village> = [
    { title: '村名', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: '区划代码',
      dataIndex: 'code',
      width: 180,
      render: (code: string | null) => (code ? <Typography.Text code>{code}</Typography.Text> : <Tag color="gold">自建</Tag>),
    },
    { title: '邮编', dataIndex: 'postalCode', width: 110, render: (p: string | null) => p ?? '—' },
    {
      title: '客户数',
      dataIndex: 'customerCount',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.customerCount - b.customerCount,
      // The plans ask for at least 100 customers per village; below that the count is highlighted.
      render: (n: number) => <Typography.Text type={n < 100 ? 'warning' : undefined}>{n}</Typography.Text>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_: unknown, v) => (
        <Button type="link" size="small" onClick={() => setRenaming(v)}>
          重命名
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="行政村/城市单元"
      extra={
        <Space>
          <Input.Search allowClear placeholder="按村名、代码或邮编筛选" onChange={(e) => setFilter(e.target.value)} style={{ width: 240 }} />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建行政村
          </Button>
        </Space>
      }
    >
      {loadError && <Alert type="error" showIcon title={`读取行政村失败：${loadError}`} style={{ marginBottom: 12 }} />}
      <Table<Village>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 个` }}
        locale={{ emptyText: filter ? '没有符合条件的村' : '还没有行政村，点击右上角“新建行政村”' }}
      />
      <VillageCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void load();
        }}
      />
      <VillageRenameModal
        village={renaming}
        onClose={() => setRenaming(null)}
        onRenamed={() => {
          setRenaming(null);
          void load();
        }}
      />
    </Card>
  );
}
