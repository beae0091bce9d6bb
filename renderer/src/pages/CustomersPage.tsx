import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_HOUSEHOLD_TYPES, type CustomerRow, type Village } from '../../../shared/domain';
import { api } from '../api';
import { CustomerDrawer } from '../components/CustomerDrawer';
import type { EditTarget } from '../components/CustomerEditor';
import { CustomerFilters, type CustomerFilterValues } from '../components/CustomerFilters';
import { CustomerTable } from '../components/CustomerTable';
import { CustomerDetailDrawer } from '../components/customer/CustomerDetailDrawer';
import { DownloadButton } from '../components/DownloadButton';
import { ImportWizard } from '../components/import/ImportWizard';
import { errorText } from '../lib/errors';
import { goToSubPath, useElementSize } from '../lib/hooks';
import { MAINTENANCE_SECTION, RECYCLE_TAB } from './maintenance/route';
import { useCan } from '../lib/session';
import { useCustomerList } from '../lib/useCustomerList';

/** Pixels the table header takes inside the measured box; the rest is the scrolling body. */
const TABLE_HEADER_PX = 48;

export function CustomersPage() {
  const [filters, setFilters] = useState<CustomerFilterValues>({ search: '', villageId: undefined, grade: undefined });
  const [villages, setVillages] = useState<Village[]>([]);
  const [householdTypes, setHouseholdTypes] = useState<readonly string[]>(DEFAULT_HOUSEHOLD_TYPES);
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [tableBox, setTableBox] = useState<HTMLDivElement | null>(null);
  const tableSize = useElementSize(tableBox);
  // No debounce: the list sends one search at a time and always ends on the newest (useCustomerList).
  const list = useCustomerList(filters.search, filters.villageId, filters.grade);
  const { message } = App.useApp();
  const canCreate = useCan('customers.create');
  const canEdit = useCan('customers.update');
  const canDelete = useCan('customers.delete');
  const canImport = useCan('customers.importStart');
  const canExport = useCan('customers.export');
  const canSeeDeleted = useCan('customers.deleted');
  // A carrier's page is their round: no village list (the whole base's counts), no form to fill it in for.
  const canListVillages = useCan('villages.list');
  const canReadSettings = useCan('settings.get');

  const loadVillages = useCallback(() => {
    if (!canListVillages) return;
    api['villages.list']({})
      .then(setVillages)
      .catch((e: unknown) => message.error(`读取行政村失败：${errorText(e)}`));
  }, [message, canListVillages]);
  useEffect(loadVillages, [loadVillages]);

  useEffect(() => {
    if (!canReadSettings) return;
    // The branch's own household-type list; the built-in 六大户 stay offered if it cannot be read.
    api['settings.get']({})
      .then((s) => setHouseholdTypes(s.householdTypes))
      .catch(() => undefined);
  }, [canReadSettings]);

  const undoDelete = async (row: CustomerRow, key: string) => {
    message.destroy(key);
    try {
      await api['customers.restore']({ id: row.id });
      message.success(`已恢复客户“${row.name}”`);
      void list.reload();
    } catch (e) {
      message.error(`撤销失败：${errorText(e)}`);
    }
  };

  const remove = async (row: CustomerRow, reason: string | undefined) => {
    try {
      await api['customers.delete']({ id: row.id, ...(reason ? { reason } : {}) });
    } catch (e) {
      message.error(`删除失败：${errorText(e)}`);
      return;
    }
    void list.reload();
    const key = `deleted-${row.id}`;
    message.open({
      key,
      type: 'success',
      duration: 10,
      content: (
        <span>
          已删除客户“{row.name}”
          <Button type="link" size="small" onClick={() => void undoDelete(row, key)}>
            撤销
          </Button>
          <Typography.Text type="secondary">之后可在“已删除”中恢复</Typography.Text>
        </span>
      ),
    });
  };

  const openEditor = (target: EditTarget) => {
    // Refresh the village choices: one may have been added on the 行政村 page meanwhile.
    loadVillages();
    setEditing(target);
  };

  return (
    <Card
      title={
        <Space>
          客户
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="customer-total">
            共 {list.total} 户
          </Typography.Text>
          {list.rows.length < list.total && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {list.loadingMore ? '正在加载更多…' : `已显示 ${list.rows.length} 户，向下滚动加载更多`}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Space>
          {canImport && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入
            </Button>
          )}
          {canExport && (
            <DownloadButton fetchFile={() => api['customers.export']({})} failure="导出失败">
              导出
            </DownloadButton>
          )}
          {canSeeDeleted && (
            <Button icon={<DeleteOutlined />} onClick={() => goToSubPath(MAINTENANCE_SECTION, RECYCLE_TAB)}>
              已删除
            </Button>
          )}
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor({ mode: 'create' })}>
              新增客户
            </Button>
          )}
        </Space>
      }
      style={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 }}
      styles={{ body: { flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 } }}
    >
      <CustomerFilters value={filters} villages={canListVillages ? villages : null} onChange={setFilters} onReload={() => void list.reload()} />
      {list.error && (
        <Alert
          type="error"
          showIcon
          title={`读取客户失败：${list.error}`}
          action={
            <Button size="small" onClick={() => void list.reload()}>
              重试
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <div ref={setTableBox} style={{ flex: 1, minHeight: 240, overflow: 'hidden' }} data-testid="customer-table">
        <CustomerTable
          rows={list.rows}
          loading={list.loading}
          width={tableSize.width}
          height={tableSize.height - TABLE_HEADER_PX}
          emptyText={
            filters.search.trim() || filters.villageId || filters.grade ? '没有找到符合条件的客户' : canCreate ? '还没有客户，点击右上角“新增客户”' : '暂无客户'
          }
          onEdit={canEdit ? (row) => openEditor({ mode: 'edit', id: row.id }) : null}
          onDetail={(row) => setDetailId(row.id)}
          onDelete={canDelete ? remove : null}
          onNearEnd={() => void list.loadMore()}
        />
      </div>
      <CustomerDrawer
        target={editing}
        choices={{ villages, householdTypes }}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          const edited = editing?.mode === 'edit';
          setEditing(null);
          // An edit shows the record the save returned in its line; a new customer needs the list's own order.
          if (edited) list.replace(saved);
          else void list.reload();
          // Only a village added from the form is news to the village list.
          if (saved.villageId && !villages.some((v) => v.id === saved.villageId)) loadVillages();
        }}
      />
      <CustomerDetailDrawer
        customerId={detailId}
        onClose={() => setDetailId(null)}
        onEdit={(id) => {
          setDetailId(null);
          openEditor({ mode: 'edit', id });
        }}
      />
      <ImportWizard
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => {
          void list.reload();
          loadVillages();
        }}
      />
    </Card>
  );
}
