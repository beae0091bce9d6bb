/** 操作记录: who registered or revoked branches, issued campaigns, managed accounts, exported, logged in — newest first. */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table } from 'antd';
import type { HubAuditRow } from '../../../shared/hubConsole';
import { get } from '../api';
import { dateTime } from '../format';
import { useLoad } from '../useLoad';

export function AuditPage() {
  const a = useLoad(() => get<HubAuditRow[]>('/audit'), 'audit');
  return (
    <Card
      title="操作记录"
      extra={
        <Button icon={<ReloadOutlined />} onClick={a.reload} loading={a.loading}>
          刷新
        </Button>
      }
    >
      {a.error && <Alert type="error" showIcon title={`读取操作记录失败：${a.error}`} style={{ marginBottom: 12 }} />}
      <Table<HubAuditRow>
        rowKey={(r) => `${r.at}-${r.login}-${r.action}-${r.subject}`}
        size="middle"
        loading={a.loading}
        dataSource={a.data ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        data-testid="audit-table"
        columns={[
          { title: '时间', key: 'at', width: 170, render: (_, r) => dateTime(r.at) },
          { title: '操作人', dataIndex: 'login', width: 140 },
          { title: '操作', dataIndex: 'action', width: 160 },
          { title: '对象', dataIndex: 'subject' },
          { title: '来源地址', dataIndex: 'source', width: 150 },
        ]}
      />
    </Card>
  );
}
