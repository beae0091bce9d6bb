import { Card, Empty } from 'antd';
import type { ReactNode } from 'react';
import { EChart } from './EChart';
import type { ChartOption } from './charts/echarts';

interface Props {
  title: string;
  /** The rule the chart is held against, shown beside the title. */
  rule?: ReactNode;
  option: ChartOption;
  /** Nothing to draw: say so in words instead of an empty axis. */
  empty?: string | false;
  height?: number;
  testId: string;
}

export function ChartCard({ title, rule, option, empty, height = 280, testId }: Props) {
  return (
    <Card size="small" title={title} extra={rule} data-testid={testId} styles={{ body: { padding: 8 } }}>
      {empty ? (
        <Empty description={empty} style={{ height, display: 'flex', flexDirection: 'column', justifyContent: 'center', margin: 0 }} />
      ) : (
        <EChart option={option} height={height} label={title} />
      )}
    </Card>
  );
}
