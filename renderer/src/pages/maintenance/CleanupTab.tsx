import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import type { CleanupCandidate } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useLoader } from '../../lib/useLoader';

const LIMIT = 5000;
const loadCandidates = () => api['cleanup.list']({ limit: LIMIT });

const columns: ColumnsType<CleanupCandidate> = [
  { title: '姓名', dataIndex: 'name', width: 120, sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
  { title: '行政村', dataIndex: 'villageName', width: 140, render: (v: string | null) => v ?? '—' },
  { title: '地址', dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
  { title: '建档日期', dataIndex: 'createdAt', width: 120, render: (v: string) => formatDate(v), sorter: (a, b) => a.createdAt.localeCompare(b.createdAt) },
  { title: '来源', dataIndex: 'source', width: 140, render: (v: string | null) => v ?? '—' },
];

/** 清理: records never selected, with no ID number, no phone and no usage info are verified, then kept or deleted. */
export function CleanupTab() {
  const list = useLoader(loadCandidates);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<'keep' | 'delete' | null>(null);
  const inFlight = useRef(false);
  const { message } = App.useApp();

  const act = async (kind: 'keep' | 'delete') => {
    if (inFlight.current || selected.length === 0) return;
    inFlight.current = true;
    setBusy(kind);
    try {
      if (kind === 'keep') {
        const { kept } = await api['cleanup.keep']({ ids: selected });
        message.success(`已核实保留 ${kept} 户`);
      } else {
        const { deleted, batch } = await api['customers.deleteMany']({ ids: selected, reason: '清理' });
        showUndo(deleted, batch);
      }
      setSelected([]);
    } catch (e) {
      message.error(`${kind === 'keep' ? '保留' : '删除'}失败：${errorText(e)}`);
    } finally {
      inFlight.current = false;
      setBusy(null);
      void list.reload();
    }
  };

  const undo = async (batch: string, key: string) => {
    message.destroy(key);
    try {
      const r = await api['customers.restoreBatch']({ batch });
      message.success(`已恢复 ${r.restored} 户${r.blocked ? `，${r.blocked} 户因身份证号已被其他客户使用未能恢复` : ''}`);
    } catch (e) {
      message.error(`撤销失败：${errorText(e)}`);
    }
    void list.reload();
  };

  const showUndo = (deleted: number, batch: string) => {
    const key = `cleanup-${batch}`;
    message.open({
      key,
      type: 'success',
      duration: 10,
      content: (
        <span>
          已删除 {deleted} 户
          <Button type="link" size="small" onClick={() => void undo(batch, key)}>
            撤销
          </Button>
        </span>
      ),
    });
  };

  const total = list.data?.total ?? 0;
  return (
    <div>
      <Typography.Paragraph type="secondary">
        从未被筛选使用、且没有身份证号、电话和用邮信息的记录。请逐户核实：仍有价值的“核实保留”，确认无用的删除（删除后可撤销）。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={`读取清理名单失败：${list.error}`} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <Button disabled={!selected.length} loading={busy === 'keep'} onClick={() => void act('keep')}>
          核实保留{selected.length ? `（${selected.length}）` : ''}
        </Button>
        <Popconfirm
          title={`删除选中的 ${selected.length} 户？`}
          description="删除后可撤销"
          okText="删除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          disabled={!selected.length}
          onConfirm={() => act('delete')}
        >
          <Button danger disabled={!selected.length} loading={busy === 'delete'}>
            删除{selected.length ? `（${selected.length}）` : ''}
          </Button>
        </Popconfirm>
        <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
          刷新
        </Button>
        <Typography.Text>
          共 {total} 户待清理{list.data && list.data.rows.length < total ? `，显示前 ${list.data.rows.length} 户` : ''}
        </Typography.Text>
      </Space>
      <Table<CleanupCandidate>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.rows ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), preserveSelectedRowKeys: false }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: '没有需要清理的记录' }}
      />
    </div>
  );
}
