import { Alert, App, Button, Empty, InputNumber, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import type { Library, PlanItem, Quarter } from '../../../../shared/usage';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { useCan } from '../../lib/session';
import { useReportedFlight } from '../../lib/useSingleFlight';

/** A plan row as edited here; count and state come from the last save or load. */
type Row = Pick<PlanItem, 'libraryId' | 'libraryName' | 'startQuarter' | 'endQuarter' | 'target'> & Partial<Pick<PlanItem, 'count' | 'state'>>;

const QUARTERS: Quarter[] = [1, 2, 3, 4];
export const PLAN_STATE: Record<PlanItem['state'], { label: string; color: string }> = {
  upcoming: { label: '未开始', color: 'default' },
  active: { label: '进行中', color: 'blue' },
  done: { label: '已完成', color: 'green' },
  late: { label: '已逾期', color: 'red' },
};

function QuarterRange({ row, disabled, onChange }: { row: Row; disabled: boolean; onChange: (r: Row) => void }) {
  const opts = QUARTERS.map((q) => ({ value: q, label: `第${q}季度` }));
  return (
    <Space size={4}>
      <Select<Quarter>
        size="small"
        value={row.startQuarter}
        options={opts}
        disabled={disabled}
        style={{ width: 96 }}
        onChange={(q) => onChange({ ...row, startQuarter: q, endQuarter: Math.max(q, row.endQuarter) as Quarter })}
      />
      至
      <Select<Quarter>
        size="small"
        value={row.endQuarter}
        options={opts.filter((o) => o.value >= row.startQuarter)}
        disabled={disabled}
        style={{ width: 96 }}
        onChange={(q) => onChange({ ...row, endQuarter: q })}
      />
    </Space>
  );
}

/**
 * 采集计划: which library is built in which quarters of the year, with a target count; progress is the library's
 * count now. The seeds' template (quarters 1–2 officials, medical staff, teachers, graduates; 3 seniors and car
 * owners; 4 migrant workers and entrepreneurs) is one click away.
 */
export function PlanTab() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [libraries, setLibraries] = useState<Library[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const { busy: saving, run } = useReportedFlight();
  const [templateTarget, setTemplateTarget] = useState<number>(100);
  const canEdit = useCan('usage.planSave');
  const { message } = App.useApp();

  const load = useCallback(async () => {
    try {
      const [plan, libs] = await Promise.all([api['usage.plan']({ year }), api['usage.libraries']({})]);
      setRows(plan);
      setLibraries(libs);
      setDirty(false);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [year]);
  useEffect(() => void load(), [load]);

  const edit = (next: Row[]) => {
    setRows(next);
    setDirty(true);
  };
  const persist = (fn: () => Promise<PlanItem[]>, done: string) =>
    run(async () => {
      setRows(await fn());
      setDirty(false);
      message.success(done);
    });
  const save = () =>
    persist(
      () =>
        api['usage.planSave']({
          year,
          items: (rows ?? []).map(({ libraryId, startQuarter, endQuarter, target }) => ({ libraryId, startQuarter, endQuarter, target })),
        }),
      `已保存 ${year} 年采集计划`,
    );
  const template = () => persist(() => api['usage.planDefault']({ year, target: templateTarget }), `已按模板生成 ${year} 年采集计划`);

  const columns: ColumnsType<Row> = [
    { title: '客户库', dataIndex: 'libraryName', width: 140 },
    {
      title: '采集季度',
      key: 'q',
      width: 240,
      render: (_, r, i) => <QuarterRange row={r} disabled={!canEdit} onChange={(n) => edit(rows!.map((x, j) => (j === i ? n : x)))} />,
    },
    {
      title: '目标户数',
      dataIndex: 'target',
      width: 120,
      render: (t: number, _r, i) => (
        <InputNumber
          size="small"
          min={0}
          max={1_000_000}
          value={t}
          disabled={!canEdit}
          onChange={(v) => edit(rows!.map((x, j) => (j === i ? { ...x, target: v ?? 0 } : x)))}
        />
      ),
    },
    { title: '现有户数', dataIndex: 'count', width: 90, align: 'right', render: (c?: number) => c ?? '—' },
    {
      title: '进度',
      key: 'p',
      render: (_, r) =>
        r.count === undefined ? (
          '保存后显示'
        ) : (
          <Progress
            size="small"
            percent={r.target ? Math.min(100, Math.round((r.count / r.target) * 100)) : 100}
            status={r.state === 'late' ? 'exception' : r.state === 'done' ? 'success' : 'normal'}
          />
        ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (s?: PlanItem['state']) => (s ? <Tag color={PLAN_STATE[s].color}>{PLAN_STATE[s].label}</Tag> : null),
    },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'x',
            width: 70,
            render: (_: unknown, _r: Row, i: number) => (
              <Button type="link" size="small" danger onClick={() => edit(rows!.filter((_x, j) => j !== i))}>
                移出
              </Button>
            ),
          },
        ]
      : []),
  ];
  const available = libraries.filter((l) => !(rows ?? []).some((r) => r.libraryId === l.id));

  return (
    <div data-testid="collection-plan">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y} 年` }))}
        />
        {canEdit && rows && (rows.length > 0 || dirty) && (
          <>
            <Select
              placeholder="加入计划的客户库"
              value={null}
              style={{ width: 200 }}
              options={available.map((l) => ({ value: l.id, label: l.name }))}
              onChange={(id: string) =>
                edit([...rows, { libraryId: id, libraryName: libraries.find((l) => l.id === id)?.name ?? '', startQuarter: 1, endQuarter: 4, target: 100 }])
              }
            />
            <Button type="primary" disabled={!dirty} loading={saving} onClick={() => void save()}>
              保存计划
            </Button>
          </>
        )}
        {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
      </Space>
      {error && <Alert type="error" showIcon title={`读取采集计划失败：${error}`} style={{ marginBottom: 12 }} />}
      {rows && rows.length === 0 ? (
        <Empty description={`${year} 年还没有采集计划`}>
          {canEdit && (
            <Space>
              每个库目标
              <InputNumber min={1} max={1_000_000} value={templateTarget} onChange={(v) => setTemplateTarget(v ?? 100)} />户
              <Button type="primary" loading={saving} onClick={() => void template()}>
                按计划模板生成
              </Button>
            </Space>
          )}
        </Empty>
      ) : (
        <Table<Row> rowKey="libraryId" size="small" columns={columns} dataSource={rows ?? []} loading={!rows && !error} pagination={false} />
      )}
    </div>
  );
}
