import { Alert, Button, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { FieldAgreement, QueueCandidate, QueueDetail } from '../../../../shared/usage';
import { QUEUE_STATUS_LABELS } from '../../../../shared/usage';
import { GradeTag } from '../../components/GradeTag';
import { formatDate } from '../../lib/format';
import './queue.css';

type Field = keyof QueueCandidate['agree'];
const FIELDS: { key: Field; label: string }[] = [
  { key: 'name', label: '姓名' },
  { key: 'idNumber', label: '身份证号' },
  { key: 'phone', label: '电话' },
  { key: 'village', label: '行政村' },
  { key: 'address', label: '组/地址' },
];

const MARK: Record<FieldAgreement, string> = { same: 'agree-same', differs: 'agree-differs', missing: 'agree-missing' };

function entryValue(d: QueueDetail, f: Field): string {
  const e = d.entry;
  if (f === 'name') return e.name;
  if (f === 'idNumber') return e.idNumber ?? '';
  if (f === 'phone') return e.phone ?? '';
  if (f === 'village') return e.villageText ?? '';
  return e.address ?? '';
}

function candidateValue(c: QueueCandidate, f: Field): string {
  if (f === 'name') return c.name;
  if (f === 'idNumber') return c.idNumber ?? '';
  if (f === 'phone') return c.phone ?? '';
  if (f === 'village') return c.villageName ?? '';
  return [c.groupName, c.address].filter(Boolean).join(' ');
}

interface Props {
  detail: QueueDetail | null;
  error: string | null;
  busy: boolean;
  /** The customer chosen, with their name as the customer record has it. */
  onPick: (customerId: string, name: string) => void;
  onCreate: () => void;
  onDiscard: () => void;
  onReopen: () => void;
  search: ReactNode;
}

/** The extract row beside its candidates, field by field: green where they agree, red where they differ. */
export function QueueDetailPanel({ detail, error, busy, onPick, onCreate, onDiscard, onReopen, search }: Props) {
  if (error) return <Alert type="error" showIcon title={`读取核对记录失败：${error}`} />;
  if (!detail) return <Spin style={{ display: 'block', margin: 48 }} />;
  const e = detail.entry;
  const pending = e.status === 'pending';
  const cands = detail.candidates;
  return (
    <div data-testid="queue-detail">
      <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="业务">{e.line}</Descriptions.Item>
        <Descriptions.Item label="产品">{e.product ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="日期">{[formatDate(e.firstDate), formatDate(e.lastDate)].filter(Boolean).join(' 至 ') || '—'}</Descriptions.Item>
        <Descriptions.Item label="金额档次">{e.amountBand ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="来源">
          {e.fileName} 第 {e.rowNumber} 行
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          {QUEUE_STATUS_LABELS[e.status]}
          {e.reason ? `（${e.reason}）` : ''}
        </Descriptions.Item>
      </Descriptions>
      {e.sameSource > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`同一人还有 ${e.sameSource} 条待核对记录，处理本条时一并处理`} />}
      <table className="queue-compare" data-testid="queue-compare">
        <thead>
          <tr>
            <th />
            <th>提取记录</th>
            {cands.map((c, i) => (
              <th key={c.customerId} data-testid={`candidate-${i + 1}`} data-score={c.score}>
                <Space size={4} wrap>
                  <Tag color="blue">{i + 1}</Tag>
                  <span>{c.score} 分</span>
                  <GradeTag grade={c.grade} />
                </Space>
                <div className="queue-reasons">{c.reasons.join('，')}</div>
                {pending && (
                  <Button size="small" type="primary" ghost disabled={busy} onClick={() => onPick(c.customerId, c.name)}>
                    是此客户（{i + 1}）
                  </Button>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIELDS.map((f) => (
            <tr key={f.key}>
              <th>{f.label}</th>
              <td>{entryValue(detail, f.key) || '—'}</td>
              {cands.map((c) => (
                <td key={c.customerId} className={MARK[c.agree[f.key]]}>
                  {candidateValue(c, f.key) || '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {cands.length === 0 && <Typography.Paragraph type="secondary">没有找到相近的客户。可以新建客户、在下面搜索其他客户，或驳回。</Typography.Paragraph>}
      {pending ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Button disabled={busy} onClick={onCreate} data-testid="queue-create">
            新建客户（N）
          </Button>
          <Button danger disabled={busy} onClick={onDiscard} data-testid="queue-discard">
            驳回（D）
          </Button>
          {search}
        </Space>
      ) : (
        e.status === 'discarded' && (
          <Button style={{ marginTop: 12 }} onClick={onReopen}>
            撤销驳回
          </Button>
        )
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        键盘：↑/↓ 换一条 · 数字键选候选客户 · N 新建客户 · D 驳回 · F 搜索其他客户
      </Typography.Paragraph>
    </div>
  );
}
