import * as XLSX from 'xlsx';
import { idCheckDigit } from '../../shared/idNumber';

export const validId = (first17: string) => first17 + idCheckDigit(first17);

/** An .xlsx as a clerk's spreadsheet would be: cells keep their JS types (numbers become number cells). */
export function xlsxOf(rows: (string | number | null)[][], sheet = '客户'): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

export function xlsOf(rows: (string | number | null)[][]): Buffer {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Sheet1');
  return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

export function readBack(buf: Buffer): string[][] {
  const wb = XLSX.read(buf, { type: 'buffer' });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  return XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false, defval: '' });
}
