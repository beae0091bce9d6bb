import { Alert, Button, Descriptions, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { OpOutput } from '../../../../shared/contract';
import { formatPercent } from '../../lib/format';

export type TestResult = OpOutput<'campaigns.testResult'>;
type VariantRow = TestResult['variants'][number];

interface Props {
  result: TestResult;
  offers: Record<string, string | null>;
  canRelease: boolean;
  releasing: boolean;
  onRelease: (code: string) => void;
}

const points = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)} 个百分点`;
const pText = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

/** The test's variants side by side and each compared with the best: difference, 95% CI, p-value, significance. */
export function TestResultView({ result, offers, canRelease, releasing, onRelease }: Props) {
  const columns: ColumnsType<VariantRow> = [
    {
      title: '方案',
      key: 'code',
      render: (_: unknown, v) => (
        <Space>
          {v.code}
          {v.name}
          {result.best === v.code && v.visited > 0 && <Tag color="green">领先</Tag>}
          {result.released === v.code && <Tag color="gold">已推广</Tag>}
        </Space>
      ),
    },
    { title: '优惠/说法', key: 'offer', render: (_: unknown, v) => offers[v.code] ?? '—' },
    { title: '样本户数', dataIndex: 'targets', align: 'right' },
    { title: '已走访', dataIndex: 'visited', align: 'right' },
    { title: '成功', dataIndex: 'success', align: 'right' },
    { title: '成功率（已走访中）', dataIndex: 'successRate', align: 'right', render: (r: number) => formatPercent(r) },
  ];
  if (canRelease && !result.released) {
    columns.push({
      title: '操作',
      key: 'release',
      render: (_: unknown, v) => (
        <Popconfirm
          title={`把方案 ${v.code} 推广到其余目标客户？`}
          description="推广后不能更换方案"
          okText="推广"
          cancelText="取消"
          onConfirm={() => onRelease(v.code)}
        >
          <Button size="small" type={result.best === v.code ? 'primary' : 'default'} loading={releasing}>
            {result.best === v.code ? '推广获胜方案' : '推广此方案'}
          </Button>
        </Popconfirm>
      ),
    });
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<VariantRow> rowKey="code" size="middle" pagination={false} columns={columns} dataSource={result.variants} data-testid="test-variants" />
      {result.comparisons.map((c) => (
        <Descriptions
          key={`${c.a}-${c.b}`}
          bordered
          size="small"
          column={4}
          title={`方案 ${c.a} 对比 方案 ${c.b}`}
          items={[
            { key: 'diff', label: '成功率差', children: points(c.test.diff) },
            { key: 'ci', label: '95% 置信区间', children: `${points(c.test.ciLow)} 至 ${points(c.test.ciHigh)}` },
            { key: 'p', label: 'p 值', children: pText(c.test.pValue) },
            { key: 'sig', label: '结论', children: c.test.significant ? <Tag color="green">显著</Tag> : <Tag>不显著</Tag> },
          ]}
        />
      ))}
      {result.comparisons.some((c) => !c.test.significant) && !result.released && (
        <Alert type="warning" showIcon title="差异尚不显著：可以继续走访测试样本，样本越多结论越可靠" />
      )}
    </Space>
  );
}
