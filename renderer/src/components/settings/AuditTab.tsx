import { ReloadOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { describeAudit, type AuditView } from '../../../../shared/auditText';
import type { AuditEntry } from '../../../../shared/domain';
import { api } from '../../api';
import { AUDIT_FILTERS } from '../../lib/auditLabels';
import { errorText } from '../../lib/errors';
import { useDebounced } from '../../lib/hooks';
import { useCan } from '../../lib/session';
import { AuditDetails } from './AuditDetails';

const PAGE_SIZE = 50;

type Row = AuditView & { id: string; at: string };

/** Every column reads Chinese: names instead of ids, stages and fields by their names (shared/auditText.ts). */
const columns: ColumnsType<Row> = [
  {
    title: '时间',
    dataIndex: 'at',
    width: 100,
    // Date over time: the details column keeps its room on a 1024-pixel screen.
    render: (at: string) => (
      <>
        <div>{dayjs(at).format('YYYY-MM-DD')}</div>
        <div style={{ color: '#888' }}>{dayjs(at).format('HH:mm:ss')}</div>
      </>
    ),
  },
  { title: '操作人', dataIndex: 'actor', width: 92 },
  { title: '角色', dataIndex: 'role', width: 64, render: (r: string | null) => r ?? '—' },
  {
    title: '操作',
    dataIndex: 'action',
    width: 120,
    render: (a: string, e) => (
      <Tag color={e.tone === 'danger' ? 'red' : e.tone === 'notice' ? 'orange' : undefined} style={{ whiteSpace: 'normal' }}>
        {a}
      </Tag>
    ),
  },
  { title: '对象', dataIndex: 'target', width: 160 },
  { title: '详情', dataIndex: 'lines', render: (_: unknown, e) => <AuditDetails lines={e.lines} /> },
];

/** 操作日志 (administrators and supervisors): who did what and when, filterable, a page at a time. */
export function AuditTab() {
  const [actor, setActor] = useState('');
  const [action, setAction] = useState<string | undefined>(undefined);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [logins, setLogins] = useState<string[]>([]);
  const canListUsers = useCan('users.list');
  const actorQuery = useDebounced(actor.trim(), 300);

  useEffect(() => {
    if (!canListUsers) return;
    api['users.list']({})
      .then((us) => setLogins(us.map((u) => u.login)))
      .catch(() => undefined);
  }, [canListUsers]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [from, to] = range ?? [null, null];
      const r = await api['audit.list']({
        ...(actorQuery ? { actor: actorQuery } : {}),
        ...(action ? { action } : {}),
        ...(from ? { from: from.startOf('day').toISOString() } : {}),
        ...(to ? { to: to.add(1, 'day').startOf('day').toISOString() } : {}),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      setRows(r.rows);
      setNames(r.names);
      setTotal(r.total);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [actorQuery, action, range, page]);
  useEffect(() => {
    void load();
  }, [load]);
  const views = useMemo<Row[]>(() => rows.map((e) => ({ id: e.id, at: e.at, ...describeAudit(e, names) })), [rows, names]);

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <AutoComplete
          allowClear
          value={actor}
          options={logins.map((l) => ({ value: l }))}
          showSearch={{ filterOption: (input, o) => String(o?.value ?? '').includes(input.trim()) }}
          onChange={(v: string) => {
            setActor(v ?? '');
            setPage(1);
          }}
          placeholder="操作人（登录名）"
          aria-label="操作人"
          style={{ width: 180 }}
        />
        <Select<string>
          allowClear
          value={action}
          onChange={(v) => {
            setAction(v);
            setPage(1);
          }}
          options={AUDIT_FILTERS}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部操作"
          aria-label="操作"
          style={{ width: 180 }}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => {
            setRange(v);
            setPage(1);
          }}
          allowEmpty={[true, true]}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
        <Typography.Text type="secondary">日志只能追加，不能修改或删除</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={`读取操作日志失败：${error}`} style={{ marginBottom: 12 }} />}
      <div data-testid="audit-table">
        <Table<Row>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={views}
          scroll={{ x: 720 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, showTotal: (n) => `共 ${n} 条`, onChange: setPage }}
        />
      </div>
    </>
  );
}
