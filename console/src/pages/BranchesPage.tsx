/** 网点: every branch, how current its data is and how big; a 市局管理员 registers branches and manages their tokens. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { CityBranchRow } from '../../../shared/city';
import type { IssuedToken } from '../../../shared/hubConsole';
import { ApiError, get, post } from '../api';
import { nameColumn, numColumn } from '../components/columns';
import { TokenModal } from '../components/TokenModal';
import { ago, date, dateTime, int } from '../format';
import { useLoad } from '../useLoad';

const DAY_MS = 86_400_000;

export function BranchesPage({ isAdmin }: { isAdmin: boolean }) {
  const { message } = App.useApp();
  const list = useLoad(() => get<{ now: string; branches: CityBranchRow[] }>('/branches'), 'branches');
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const now = list.data?.now ?? new Date().toISOString();
  const rows = list.data?.branches ?? [];
  const silent = (b: CityBranchRow) => !b.lastSyncAt || Date.parse(now) - Date.parse(b.lastSyncAt) > DAY_MS;

  const columns: ColumnsType<CityBranchRow> = [
    nameColumn<CityBranchRow>('网点', 'name', rows, (name, b) => (
      <Space size={4}>
        <span data-testid="branch-name">{name}</span>
        {b.disabled && <Tag color="default">已停用</Tag>}
      </Space>
    )),
    {
      title: '最近同步',
      key: 'lastSyncAt',
      sorter: (a, b) => (a.lastSyncAt ?? '').localeCompare(b.lastSyncAt ?? ''),
      filters: [
        { text: '超过一天未同步', value: 'silent' },
        { text: '一天内同步过', value: 'ok' },
      ],
      onFilter: (v, b) => (v === 'silent') === silent(b),
      render: (_, b) =>
        b.lastSyncAt ? (
          <Tooltip title={dateTime(b.lastSyncAt)}>
            <span style={{ color: silent(b) ? '#cf1322' : undefined }}>
              {date(b.lastSyncAt)}（{ago(b.lastSyncAt, now)}）
            </span>
          </Tooltip>
        ) : (
          <span style={{ color: '#cf1322' }}>从未同步</span>
        ),
    },
    numColumn<CityBranchRow>('待上传', 'pending', (b) => b.pending),
    {
      title: '程序版本',
      dataIndex: 'appVersion',
      key: 'appVersion',
      render: (v: string | null) => v ?? '—',
      sorter: (a, b) => (a.appVersion ?? '').localeCompare(b.appVersion ?? ''),
    },
    numColumn<CityBranchRow>(
      '未处理冲突',
      'openConflicts',
      (b) => b.openConflicts,
      (b) => <span style={{ color: b.openConflicts ? '#cf1322' : undefined }}>{int(b.openConflicts)}</span>,
    ),
    numColumn<CityBranchRow>(
      '客户数',
      'customers',
      (b) => b.customers,
      (b) => <span data-testid="branch-customers">{int(b.customers)}</span>,
    ),
    numColumn<CityBranchRow>('村数', 'villages', (b) => b.villages),
    { title: '登记日期', key: 'createdAt', render: (_, b) => date(b.createdAt), sorter: (a, b) => a.createdAt.localeCompare(b.createdAt) },
  ];
  if (isAdmin) {
    columns.push({
      title: '令牌',
      key: 'actions',
      fixed: 'right',
      render: (_, b) => (
        <Space size={0}>
          <Popconfirm
            title={`重新发放“${b.name}”的令牌？`}
            description={b.disabled ? '网点将恢复同步，须在网点填写新令牌。' : '旧令牌立即失效，网点须填写新令牌后才能同步。'}
            okText="重新发放"
            cancelText="取消"
            onConfirm={() => act(async () => setIssued(await post<IssuedToken>(`/branches/${encodeURIComponent(b.id)}/reissue`)), '已发放新令牌')}
          >
            <Button type="link" size="small">
              重新发放
            </Button>
          </Popconfirm>
          {!b.disabled && (
            <Popconfirm
              title={`停用“${b.name}”的令牌？`}
              description="网点将无法同步，直到重新发放令牌。已同步的数据保留。"
              okText="停用"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => act(() => post(`/branches/${encodeURIComponent(b.id)}/revoke`), `已停用“${b.name}”的令牌`)}
            >
              <Button type="link" size="small" danger>
                停用
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  const register = async (v: { name: string }) => {
    try {
      const t = await post<IssuedToken>('/branches', v);
      setAdding(false);
      form.resetFields();
      setIssued(t);
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const totals = rows.reduce((s, b) => ({ customers: s.customers + b.customers, villages: s.villages + b.villages }), { customers: 0, villages: 0 });

  return (
    <Card
      title="网点"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            刷新
          </Button>
          {isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              登记网点
            </Button>
          )}
        </Space>
      }
    >
      {list.error && <Alert type="error" showIcon title={`读取网点失败：${list.error}`} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        共 {rows.length} 个网点，客户 {int(totals.customers)} 户，{int(totals.villages)} 个村。“最近同步”超过一天的以红色标出。
      </Typography.Paragraph>
      <Table<CityBranchRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="branches-table"
      />
      <Modal
        title="登记网点"
        open={adding}
        okText="登记并生成令牌"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={register} requiredMark={false}>
          <Form.Item
            name="name"
            label="网点名称"
            rules={[
              { required: true, whitespace: true, message: '请填写网点名称' },
              { max: 60, message: '不超过 60 个字' },
            ]}
          >
            <Input placeholder="例如：东关支局" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
      <TokenModal issued={issued} onClose={() => setIssued(null)} />
    </Card>
  );
}
