import { Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import type { MaintenanceDashboard, VillageKpi } from '../../../../shared/domain';
import { GRADE_LABELS, type Grade } from '../../../../shared/grading';
import { formatPercent } from '../../lib/format';

const VERIFICATION: Record<VillageKpi['verification'], { label: string; color: string }> = {
  none: { label: '未抽取', color: 'default' },
  pending: { label: '待核查', color: 'orange' },
  done: { label: '已核查', color: 'green' },
};

const red = (bad: boolean, text: string | number) => <Typography.Text type={bad ? 'danger' : undefined}>{text}</Typography.Text>;

function gradeColumn(g: Grade): ColumnsType<VillageKpi>[number] {
  return {
    title: GRADE_LABELS[g],
    key: `g${g}`,
    width: 66,
    align: 'right',
    render: (_: unknown, v) => v.grades[g],
    sorter: (a, b) => a.grades[g] - b.grades[g],
  };
}

function columnsFor(targets: MaintenanceDashboard['targets']): ColumnsType<VillageKpi> {
  return [
    { title: '村名', dataIndex: 'name', width: 150, ellipsis: true, sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: '区划代码',
      dataIndex: 'code',
      width: 140,
      render: (code: string | null) => (code ? <Typography.Text code>{code}</Typography.Text> : <Tag color="gold">自建</Tag>),
      filters: [
        { text: '有区划代码', value: 'coded' },
        { text: '自建', value: 'own' },
      ],
      onFilter: (value, v) => (value === 'own') === (v.code === null),
    },
    {
      title: '客户数',
      dataIndex: 'customers',
      width: 96,
      align: 'right',
      sorter: (a, b) => a.customers - b.customers,
      render: (n: number, v) => red(v.belowMinimum, n),
      filters: [{ text: `不足 ${targets.minCustomers} 户`, value: 'below' }],
      onFilter: (_value, v) => v.belowMinimum,
    },
    {
      title: '年内维护率',
      dataIndex: 'maintainedShare',
      width: 116,
      align: 'right',
      sorter: (a, b) => a.maintainedShare - b.maintainedShare,
      render: (s: number, v) => red(!v.maintainedOk, formatPercent(s)),
      filters: [{ text: `未达 ${Math.round(targets.maintainedShare * 100)}%`, value: 'short' }],
      onFilter: (_value, v) => !v.maintainedOk,
    },
    {
      title: '属性丰富度',
      dataIndex: 'richness',
      width: 116,
      align: 'right',
      sorter: (a, b) => a.richness - b.richness,
      render: (s: number, v) => red(!v.richnessOk, formatPercent(s)),
      filters: [{ text: `未达 ${Math.round(targets.richness * 100)}%`, value: 'short' }],
      onFilter: (_value, v) => !v.richnessOk,
    },
    { title: '数据等级（户）', children: ([1, 2, 3, 4] as const).map(gradeColumn) },
    {
      title: '本月核查',
      dataIndex: 'verification',
      width: 110,
      render: (s: VillageKpi['verification']) => <Tag color={VERIFICATION[s].color}>{VERIFICATION[s].label}</Tag>,
      filters: (Object.keys(VERIFICATION) as VillageKpi['verification'][]).map((k) => ({ text: VERIFICATION[k].label, value: k })),
      onFilter: (value, v) => v.verification === value,
    },
  ];
}

/** One line per village/unit against the programme's targets; every column sorts, the key ones filter. */
export function VillageKpiTable({ d }: { d: MaintenanceDashboard }) {
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const q = search.trim();
    return q ? d.villages.filter((v) => v.name.includes(q) || (v.code ?? '').includes(q)) : d.villages;
  }, [d.villages, search]);
  return (
    <div data-testid="village-kpis">
      <Input.Search allowClear placeholder="按村名或区划代码筛选" onChange={(e) => setSearch(e.target.value)} style={{ width: 260, marginBottom: 8 }} />
      <Table<VillageKpi>
        rowKey="villageId"
        size="middle"
        bordered
        columns={columnsFor(d.targets)}
        dataSource={shown}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个` }}
        locale={{ emptyText: search ? '没有符合条件的村' : '还没有行政村/城市单元' }}
      />
    </div>
  );
}
