/**
 * Plain .xlsx tables (customer exports, import error reports) with SheetJS: Chinese headers, column widths,
 * and ID and phone numbers as text so Excel never turns them into 3.70101E+17. Formatted supervisor
 * workbooks (frozen panes, number formats) are a separate writer.
 */
import * as XLSX from 'xlsx';

export interface SheetSpec {
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Column widths in characters; defaults from the header length. */
  widths?: number[];
}

export function writeWorkbook(sheets: SheetSpec[]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const aoa = [s.headers, ...s.rows.map((r) => r.map((v) => (v === null ? '' : v)))];
    const ws = XLSX.utils.aoa_to_sheet(aoa);
    ws['!cols'] = s.headers.map((h, i) => ({ wch: s.widths?.[i] ?? Math.max(8, h.length * 2 + 2) }));
    XLSX.utils.book_append_sheet(wb, ws, s.name.slice(0, 31));
  }
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
