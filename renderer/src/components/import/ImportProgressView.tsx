import { Button, Progress, Space, Typography } from 'antd';
import type { JobStatus } from '../../../../shared/domain';

interface Props {
  fileName: string | undefined;
  status: JobStatus;
  onCancel: () => void;
  /** One line above a preview that is being re-checked. */
  compact?: boolean;
}

/** Reading and checking a large file takes a while: what it is doing now, how far, and a way out. */
export function ImportProgressView({ fileName, status, onCancel, compact }: Props) {
  const percent = status.total > 0 ? Math.floor((status.done / status.total) * 100) : 0;
  const phase = `${status.phase}${status.total > 0 ? `：第 ${status.done} / ${status.total} 行` : '…'}`;
  if (compact) {
    return (
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12 }} data-testid="import-progress">
        <span style={{ flex: 'none' }}>按新的列对应重新检查：{phase}</span>
        <Progress percent={percent} status="active" size="small" style={{ flex: 1, margin: 0 }} />
        <Button size="small" onClick={onCancel}>
          取消
        </Button>
      </div>
    );
  }
  return (
    <div style={{ padding: '32px 24px', textAlign: 'center' }} data-testid="import-progress">
      <Typography.Paragraph>正在检查“{fileName}”</Typography.Paragraph>
      {/* On its own line: beside the bar, the percentage and the phase ran together (0%校验). */}
      <Progress percent={percent} status="active" style={{ display: 'block', maxWidth: 520, margin: '0 auto' }} />
      <div style={{ marginTop: 12 }}>
        <Space>
          <Typography.Text type="secondary" data-testid="import-phase">
            {phase}
          </Typography.Text>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </div>
    </div>
  );
}
