import { LoadingOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Statistic, Typography } from 'antd';
import { GRADE_LABELS, type Grade } from '../../../../shared/grading';
import type { LiveCount } from './useSegmentCount';

const fmt = (n: number) => n.toLocaleString('zh-CN');
const excludedText = (excluded: { reason: string; count: number }[]) =>
  excluded.length === 0 ? '没有被排除的客户' : `已排除：${excluded.map((e) => `${e.reason} ${fmt(e.count)} 户`).join('，')}`;

/**
 * The live count beside the filter: matched, selectable (consented), why the rest are left out, and by grade.
 * `compact` (a narrow window, where it sits on top of the filters and stays there while they scroll) keeps the
 * counts and the reasons on one band and leaves out the grades.
 */
export function SegmentCountPanel({ live, compact = false }: { live: LiveCount; compact?: boolean }) {
  const c = live.count;
  const statStyle = compact ? { content: { fontSize: 20 } } : undefined;
  return (
    <Card
      size="small"
      title={compact ? undefined : <span>筛选结果 {live.pending && <LoadingOutlined style={{ marginLeft: 6 }} />}</span>}
      styles={compact ? { body: { padding: '6px 12px' } } : undefined}
      data-testid="segment-count"
    >
      {live.error && <Alert type="error" showIcon title={`统计失败：${live.error}`} style={{ marginBottom: 8 }} />}
      <div style={{ display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap', opacity: live.pending ? 0.6 : 1 }}>
        {compact && <strong style={{ fontSize: 14 }}>筛选结果{live.pending && <LoadingOutlined style={{ marginLeft: 6 }} />}</strong>}
        <Statistic title="符合条件" value={c ? fmt(c.matched) : '—'} suffix="户" styles={statStyle} data-testid="segment-matched" />
        <Statistic
          title="可选（已授权营销）"
          value={c ? fmt(c.selectable) : '—'}
          suffix="户"
          styles={{ content: { color: '#0b7a3e', ...(compact ? { fontSize: 20 } : {}) } }}
          data-testid="segment-selectable"
        />
        {compact && c && (
          <Typography.Text type="secondary" style={{ flex: '1 1 160px' }} data-testid="segment-excluded">
            {excludedText(c.excluded)}
          </Typography.Text>
        )}
      </div>
      {c && !compact && (
        <>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }} data-testid="segment-excluded">
            {excludedText(c.excluded)}
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
