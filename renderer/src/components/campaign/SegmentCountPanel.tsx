import { LoadingOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Statistic, Typography } from 'antd';
import { GRADE_LABELS, type Grade } from '../../../../shared/grading';
import type { LiveCount } from './useSegmentCount';

const fmt = (n: number) => n.toLocaleString('zh-CN');

/** The live count beside the filter: matched, selectable (consented), why the rest are left out, and by grade. */
export function SegmentCountPanel({ live }: { live: LiveCount }) {
  const c = live.count;
  return (
    <Card size="small" title={<span>筛选结果 {live.pending && <LoadingOutlined style={{ marginLeft: 6 }} />}</span>} data-testid="segment-count">
      {live.error && <Alert type="error" showIcon title={`统计失败：${live.error}`} style={{ marginBottom: 8 }} />}
      <div style={{ display: 'flex', gap: 24, opacity: live.pending ? 0.6 : 1 }}>
        <Statistic title="符合条件" value={c ? fmt(c.matched) : '—'} suffix="户" data-testid="segment-matched" />
        <Statistic title="可选（已授权营销）" value={c ? fmt(c.selectable) : '—'} suffix="户" styles={{ content: { color: '#0b7a3e' } }} data-testid="segment-selectable" />
      </div>
      {c && (
        <>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }} data-testid="segment-excluded">
            {c.excluded.length === 0 ? '没有被排除的客户' : `已排除：${c.excluded.map((e) => `${e.reason} ${fmt(e.count)} 户`).join('，')}`}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={4}
            title={<span style={{ fontSize: 13, fontWeight: 'normal' }}>可选客户按等级（先取一等）</span>}
            items={([1, 2, 3, 4] as Grade[]).map((g) => ({ key: String(g), label: GRADE_LABELS[g], children: fmt(c.byGrade[g]) }))}
          />
        </>
      )}
    </Card>
  );
}
