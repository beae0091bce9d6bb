/**
 * All customers to .xlsx with the same Chinese headers the import recognises, so an exported file can be
 * edited in Excel and imported back (客户编号 makes the rows update their customers instead of duplicating).
 */
import type { Reader } from '../db/handles';
import { writeWorkbook } from '../excel/writeTable';
import { GRADE_LABELS, type Grade } from '../../shared/grading';
import { cellText, type Cell } from '../excel/readTable';
import { formatUsage, type RowProblem, type UsageItem } from './customerRows';
import { CUSTOMER_IMPORT_FIELDS, IMPORT_FIELDS, type ImportField } from './headers';
import { CUSTOMER_FILE_FIELDS, customerFileCell } from '../../shared/customerFields';

/** The workbook's columns are the import's, in the same order (fields as declared in shared/customerFields.ts). */
const EXPORT_FIELDS: ImportField[] = IMPORT_FIELDS;
const WIDTHS: Partial<Record<ImportField, number>> = { customerCode: 12, idNumber: 22, phone: 14, landline: 14, address: 30, usage: 30, notes: 30, tags: 20 };

/** A customers row (`c.*`) with its village's name. */
interface ExportRow {
  [column: string]: unknown;
  id: string;
  code: string | null;
  village_name: string | null;
  grade: number;
  maintained_at: string | null;
}

const FIELD_OF_FILE_KEY = new Map(CUSTOMER_FILE_FIELDS.map((f) => [f.key, f.field]));

/** One cell: the short code (which the import matches like the id older exports carried), usage, or a field. */
function cellOf(k: ImportField, c: ExportRow, usage: readonly UsageItem[]): string | number | null {
  if (k === 'customerCode') return c.code ?? c.id;
  if (k === 'usage') return formatUsage(usage);
  if (k === 'village') return c.village_name;
  return customerFileCell(FIELD_OF_FILE_KEY.get(k)!, c);
}

export function exportCustomers(r: Reader): { buffer: Buffer; count: number } {
  const usage = new Map<string, { line: string; product: string | null }[]>();
  for (const u of r.all<{ customer_id: string; line: string; product: string | null }>(
    'SELECT customer_id, line, product FROM usage_facts ORDER BY customer_id, line',
  )) {
    const list = usage.get(u.customer_id) ?? [];
    list.push({ line: u.line, product: u.product });
    usage.set(u.customer_id, list);
  }
  const rows = r.all<ExportRow>(
    `SELECT c.*, v.name AS village_name FROM customers c LEFT JOIN villages v ON v.id = c.village_id
     WHERE c.deleted_at IS NULL ORDER BY v.name, c.address, c.name`,
  );
  const data = rows.map((c) => [
    ...EXPORT_FIELDS.map((k) => cellOf(k, c, usage.get(c.id) ?? [])),
    GRADE_LABELS[c.grade as Grade],
    c.maintained_at ? c.maintained_at.slice(0, 10) : null,
  ]);
  const headers = [...EXPORT_FIELDS.map((f) => CUSTOMER_IMPORT_FIELDS[f].label), '数据等级', '最近维护'];
  const widths = [...EXPORT_FIELDS.map((f) => WIDTHS[f] ?? 12), 10, 12];
  return { buffer: writeWorkbook([{ name: '客户档案', headers, rows: data, widths }]), count: rows.length };
}

/** The rows that could not be imported, as the clerk sent them, with a 问题 column to fix and re-import. */
export function importErrorReport(headers: string[], problems: RowProblem[], cells: Map<number, Cell[]>): Buffer {
  const byRow = new Map<number, string[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.column ? `${p.column}：${p.message}` : p.message]);
  const rows = [...byRow.keys()]
    .sort((a, b) => a - b)
    .map((row) => {
      const c = cells.get(row) ?? [];
      return [row, byRow.get(row)!.join('；'), ...headers.map((_, i) => cellText(c[i]))];
    });
  return writeWorkbook([{ name: '未导入的行', headers: ['原行号', '问题', ...headers], rows, widths: [8, 50, ...headers.map(() => 16)] }]);
}
