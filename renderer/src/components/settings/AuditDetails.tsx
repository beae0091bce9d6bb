import { Typography } from 'antd';
import type { AuditLine } from '../../../../shared/auditText';

/** Details of one 操作日志 entry, readable: old → new per field, or one "name：value" per line. */
export function AuditDetails({ lines }: { lines: AuditLine[] }) {
  if (!lines.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div style={{ fontSize: 13, lineHeight: 1.6 }}>
      {lines.map((l, i) =>
        'value' in l ? (
          <div key={i}>
            {l.label}：{l.value}
          </div>
        ) : (
          <div key={i}>
            {l.label}：
            <Typography.Text delete type="secondary">
              {l.from}
            </Typography.Text>{' '}
            → <Typography.Text strong>{l.to}</Typography.Text>
          </div>
        ),
      )}
    </div>
  );
}
