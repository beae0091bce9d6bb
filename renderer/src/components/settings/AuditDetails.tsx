import { Typography } from 'antd';
import { OUTCOMES, type Outcome } from '../../../../shared/campaign';
import { ROLE_LABELS, type Role } from '../../../../shared/domain';
import { fieldLabel } from '../../lib/auditLabels';
import { formatFen } from '../campaign/money';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** One value as a clerk reads it: 是/否, roles in Chinese, lists joined, empty as —. */
export function plain(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (key === 'role' && typeof v === 'string' && v in ROLE_LABELS) return ROLE_LABELS[v as Role];
  if ((key === 'revenueAnnualTarget' || key === 'turnover' || key === 'revenue') && typeof v === 'number') return formatFen(v);
  if (key === 'outcome' && typeof v === 'string' && v in OUTCOMES) return OUTCOMES[v as Outcome].label;
  if (key === 'flagged' && Array.isArray(v)) return v.map((f) => (f === 'phone_flag' ? '电话' : f === 'address_flag' ? '地址' : String(f))).join('、');
  if (key === 'consent' && typeof v === 'number') return v ? '已授权' : '未授权';
  if (key === 'tags' && typeof v === 'string' && v.startsWith('[')) {
    try {
      return (JSON.parse(v) as string[]).join('、') || '—';
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) return v.map((x) => (isRecord(x) || Array.isArray(x) ? JSON.stringify(x) : String(x))).join('、') || '—';
  if (isRecord(v)) return JSON.stringify(v);
  return String(v);
}

/** The changed fields of an {old, new} pair, or null when the details are not one. */
export function changesOf(details: unknown): { key: string; from: string; to: string }[] | null {
  if (!isRecord(details) || !isRecord(details['old']) || !isRecord(details['new'])) return null;
  const before = details['old'];
  const after = details['new'];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ key: k, from: plain(k, before[k]), to: plain(k, after[k]) }));
}

/** Details of one 操作日志 entry, readable: old → new per field, or one "name: value" per line. */
export function AuditDetails({ details }: { details: unknown }) {
  if (details === null || details === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const changes = changesOf(details);
  const lines = changes
    ? changes.map((c) => (
        <div key={c.key}>
          {fieldLabel(c.key)}：<Typography.Text delete type="secondary">{c.from}</Typography.Text> → <Typography.Text strong>{c.to}</Typography.Text>
        </div>
      ))
    : isRecord(details)
      ? Object.entries(details).map(([k, v]) => (
          <div key={k}>
            {fieldLabel(k)}：{plain(k, v)}
          </div>
        ))
      : [<div key="v">{plain('', details)}</div>];
  return <div style={{ fontSize: 13, lineHeight: 1.6 }}>{lines.length ? lines : <Typography.Text type="secondary">无变化</Typography.Text>}</div>;
}
