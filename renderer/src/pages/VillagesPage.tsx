import { GlobalOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { VILLAGE_KIND_LABELS, type Village, type VillageKind } from '../../../shared/domain';
import { api } from '../api';
import { AddOfficialVillageModal } from '../components/AddOfficialVillageModal';
import { SelfMadeTag } from '../components/SelfMadeTag';
import { VillageCreateModal } from '../components/VillageCreateModal';
import { VillageRenameModal } from '../components/VillageRenameModal';
import { errorText } from '../lib/errors';
import { formatDate } from '../lib/format';
import { useCan } from '../lib/session';
import { searchVillages } from '../lib/villageSearch';

/** Town filter value for villages that belong to no town (hand-made ones added without one). */
const NO_TOWN = '__none__';
const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

export function VillagesPage() {
  const [villages, setVillages] = useState<Village[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [town, setTown] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [addingOfficial, setAddingOfficial] = useState(false);
  const [renaming, setRenaming] = useState<Village | null>(null);
  const canCreate = useCan('villages.create');
  const canAddOfficial = useCan('villages.addOfficial');
  const canRename = useCan('villages.rename');
  const canSetServed = useCan('villages.setServed');
  const [scope, setScope] = useState<'all' | 'served' | 'notServed'>('all');
  const { message } = App.useApp();

  const setServed = async (v: Village, served: boolean) => {
    try {
      await api['villages.setServed']({ id: v.id, served });
      message.success(served ? `“${v.name}”已恢复为本网点服务的村，重新计入各项指标` : `“${v.name}”已标记为不服务，不再计入各项指标`);
      void load();
    } catch (e) {
      message.error(`操作失败：${errorText(e)}`);
    }
  };

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

  const towns = useMemo(() => {
    const names = new Map<string, string>();
    for (const v of villages) names.set(v.townCode ?? NO_TOWN, v.townName ?? '未指定乡镇');
    return [...names]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => (a.value === NO_TOWN ? 1 : b.value === NO_TOWN ? -1 : a.value.localeCompare(b.value)));
  }, [villages]);

  const shown = useMemo(() => {
    const inScope = scope === 'all' ? villages : villages.filter((v) => (v.notServedAt === null) === (scope === 'served'));
    const inTown = town ? inScope.filter((v) => (v.townCode ?? NO_TOWN) === town) : inScope;
    const f = filter.trim();
    // Postal codes are digits too, but shorter than any code prefix a clerk would type to find a village.
    return f ? [...new Set([...searchVillages(inTown, f), ...inTown.filter((v) => (v.postalCode ?? '') === f)])] : inTown;
  }, [villages, filter, town, scope]);

  const codes = useMemo(() => new Set(villages.flatMap((v) => (v.code ? [v.code] : []))), [villages]);

  const columns: ColumnsType<Village> = [
    {
      title: '名称',
      dataIndex: 'name',
      width: 170,
      sorter: (a, b) => byName(a.name, b.name),
      render: (name: string, v) => (
        <Space size={4} wrap>
          {name}
          {v.notServedAt && (
            <Tooltip title={`${v.notServedBy ?? ''} ${formatDate(v.notServedAt)} 标记；不计入维护、覆盖等各项指标`}>
              <Tag data-testid="not-served">不服务</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '区划代码',
      dataIndex: 'code',
      width: 150,
      sorter: (a, b) => (a.code ?? '~').localeCompare(b.code ?? '~'),
      render: (code: string | null) => (code ? <Typography.Text code>{code}</Typography.Text> : <SelfMadeTag />),
    },
    {
      title: '乡镇/街道',
      dataIndex: 'townName',
      width: 120,
      render: (t: string | null) => t ?? '—',
      sorter: (a, b) => byName(a.townName ?? '', b.townName ?? ''),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 90,
      render: (k: VillageKind) => <Tag color={k === 'unit' ? 'blue' : k === 'community' ? 'purple' : undefined}>{VILLAGE_KIND_LABELS[k]}</Tag>,
    },
    { title: '邮编', dataIndex: 'postalCode', width: 86, render: (p: string | null) => p ?? '—' },
    {
      title: '客户数',
      dataIndex: 'customerCount',
      width: 86,
      align: 'right',
      sorter: (a, b) => a.customerCount - b.customerCount,
      // The plans ask for at least 100 customers per village; below that the count is highlighted.
      render: (n: number, v) => <Typography.Text type={n < 100 && !v.notServedAt ? 'warning' : undefined}>{n}</Typography.Text>,
    },
    ...(canRename || canSetServed
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 150,
            fixed: 'right' as const,
            render: (_: unknown, v: Village) => (
              <Space size={0}>
                {canRename && (
                  <Button type="link" size="small" onClick={() => setRenaming(v)}>
                    重命名
                  </Button>
                )}
                {canSetServed &&
                  (v.notServedAt ? (
                    <Button type="link" size="small" onClick={() => void setServed(v, true)}>
                      恢复服务
                    </Button>
                  ) : (
                    <Popconfirm
                      title={`“${v.name}”不在本网点服务范围？`}
                      description="标记后该村不计入维护率、村客户覆盖等各项指标，可随时恢复"
                      okText="标记不服务"
                      cancelText="取消"
                      onConfirm={() => setServed(v, false)}
                    >
                      <Button type="link" size="small">
                        不服务
                      </Button>
                    </Popconfirm>
                  ))}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title="行政村/城市单元"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          {canAddOfficial && (
            <Button icon={<GlobalOutlined />} onClick={() => setAddingOfficial(true)}>
              添加官方村
            </Button>
          )}
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建行政村
            </Button>
          )}
        </Space>
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="按村名、拼音首字母、代码或邮编筛选" onChange={(e) => setFilter(e.target.value)} style={{ width: 300 }} />
        <Select<string>
          allowClear
          placeholder="全部乡镇/街道"
          value={town}
          onChange={setTown}
          options={towns}
          style={{ width: 200 }}
          aria-label="乡镇/街道筛选"
        />
        <Select<'all' | 'served' | 'notServed'>
          value={scope}
          onChange={setScope}
          options={[
            { value: 'all', label: '全部村' },
            { value: 'served', label: '本网点服务的村' },
            { value: 'notServed', label: '不服务的村' },
          ]}
          style={{ width: 150 }}
          aria-label="服务范围筛选"
        />
      </Space>
      {loadError && <Alert type="error" showIcon title={`读取行政村失败：${loadError}`} style={{ marginBottom: 12 }} />}
      <div data-testid="village-table">
        <Table<Village>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={shown}
          scroll={{ x: 860 }}
          pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 个` }}
          locale={{ emptyText: filter || town ? '没有符合条件的村' : '还没有行政村，点击右上角“添加官方村”或“新建行政村”' }}
        />
      </div>
      <VillageCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void load();
        }}
      />
      <AddOfficialVillageModal
        open={addingOfficial}
        multiple
        existingCodes={codes}
        onClose={() => setAddingOfficial(false)}
        onAdded={() => {
          setAddingOfficial(false);
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
