import { Select, Typography } from 'antd';
import type { ImportFieldKey } from '../../../../shared/domain';

/** Generic over the field names, so the usage-extract import (other fields) uses the same editor. */
interface Props<F extends string = ImportFieldKey> {
  headers: string[];
  fieldLabels: Record<F, string>;
  value: Partial<Record<F, number>>;
  disabled: boolean;
  onChange: (m: Partial<Record<F, number>>) => void;
}

export const columnLabel = (headers: string[], i: number) => `第 ${i + 1} 列：${headers[i]?.trim() || '（无表头）'}`;

/**
 * Which column of the file holds each field. Pre-filled from the recognised headers; a header the program did
 * not recognise (say 联系号码) is assigned here by hand, and the file is checked again at once.
 */
export function MappingEditor<F extends string = ImportFieldKey>({ headers, fieldLabels, value, disabled, onChange }: Props<F>) {
  const options = headers.map((_, i) => ({ value: i, label: columnLabel(headers, i) }));
  const fields = Object.keys(fieldLabels) as F[];
  const used = new Set(Object.values(value));
  const unused = headers.map((h, i) => ({ h: h.trim(), i })).filter(({ h, i }) => h && !used.has(i));

  const set = (field: F, col: number | undefined) => {
    const next: Partial<Record<F, number>> = { ...value };
    if (col === undefined) delete next[field];
    else next[field] = col;
    onChange(next);
  };

  return (
    <div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: '8px 16px' }}>
        {fields.map((f) => (
          <div key={f} style={{ display: 'flex', alignItems: 'center', gap: 8 }} data-testid={`map-${f}`}>
            <span style={{ width: 70, flex: 'none', textAlign: 'right', fontWeight: f === 'name' ? 600 : undefined }}>{fieldLabels[f]}</span>
            <Select<number>
              allowClear
              disabled={disabled}
              placeholder="不导入"
              value={value[f]}
              options={options}
              onChange={(col) => set(f, col)}
              style={{ flex: 1, minWidth: 0 }}
              aria-label={`${fieldLabels[f]}对应的列`}
            />
          </div>
        ))}
      </div>
      {unused.length > 0 && (
        <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }} data-testid="unused-columns">
          未对应、不会导入的列：{unused.map(({ h, i }) => `${h}（第 ${i + 1} 列）`).join('、')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
