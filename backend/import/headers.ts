/** Recognises the Chinese headers clerks' spreadsheets use and finds the header row below any title rows. */
import type { Cell } from '../excel/readTable';
import { CUSTOMER_FILE_FIELDS } from '../../shared/customerFields';
import type { ImportFieldKey } from '../../shared/domain';
import { cellText } from '../excel/readTable';

interface ImportHeader {
  label: string;
  aliases: readonly string[];
}

/**
 * The customer workbook's columns (export order, import mapping list): the 客户编号 and 用邮信息, which are not
 * customer fields, around the fields' own columns as declared in shared/customerFields.ts.
 */
export const CUSTOMER_IMPORT_FIELDS: Readonly<Record<ImportFieldKey, ImportHeader>> = (() => {
  const fields = CUSTOMER_FILE_FIELDS.map((f) => [f.key, { label: f.label, aliases: f.aliases }] as const);
  const afterSource = fields.findIndex(([k]) => k === 'source') + 1;
  return Object.fromEntries([
    ['customerCode', { label: '客户编号', aliases: ['客户编号', '客户编码', '客户ID'] }],
    ...fields.slice(0, afterSource),
    ['usage', { label: '用邮信息', aliases: ['用邮信息', '使用业务', '用邮业务'] }],
    ...fields.slice(afterSource),
  ]) as Record<ImportFieldKey, ImportHeader>;
})();

export type ImportField = ImportFieldKey;
export const IMPORT_FIELDS = Object.keys(CUSTOMER_IMPORT_FIELDS) as ImportField[];
/** Column index → field. Columns not in the mapping are ignored. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊:：]/g, '')
    .replace(/[（(].*?[)）]/g, '')
    .replace(/／/g, '/')
    .toLowerCase();
}

const ALIAS_TO_FIELD = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const a of CUSTOMER_IMPORT_FIELDS[f].aliases) ALIAS_TO_FIELD.set(normaliseHeader(a), f);

export function fieldForHeader(text: string): ImportField | undefined {
  return ALIAS_TO_FIELD.get(normaliseHeader(text));
}

/** The row among the first 30 with the most recognised headers (a title row above it matches none). */
export function findHeaderRow(rows: Cell[][]): number {
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const fields = new Set((rows[i] ?? []).map((c) => fieldForHeader(cellText(c))).filter(Boolean));
    const score = fields.size + (fields.has('name') ? 1 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return bestScore >= 2 ? best : -1;
}

export function autoMap(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((h, i) => {
    const f = fieldForHeader(h);
    if (f && mapping[f] === undefined) mapping[f] = i;
  });
  return mapping;
}
