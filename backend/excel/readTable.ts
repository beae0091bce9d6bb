/**
 * Reads what clerks bring — .xlsx, .xls, .csv (UTF-8 or GBK, as saved by Chinese Excel/WPS) — into rows of
 * cells that keep their type, so an ID number Excel stored as a number can be told apart from text.
 */
import * as XLSX from 'xlsx';
import { AppError } from '../../shared/errors';
import { MAX_TABLE_FILE_BYTES, toMb, tooManyCells, tooManyRows, type TableLimits } from '../../shared/limits';
import { checkTableFile } from './tableBounds';

export interface Cell {
  /** Raw value; numbers stay numbers (and may already have lost digits), text stays text. */
  v: string | number | boolean | null;
  /** n = number, s = text, b = boolean, d = date, e = error, z = empty */
  t: 'n' | 's' | 'b' | 'd' | 'e' | 'z';
  /** What Excel displays (e.g. "3.70101E+17"). */
  w?: string;
}

export interface Table {
  sheetName: string;
  rows: Cell[][];
}

/** UTF-8 if it decodes cleanly (with or without BOM), otherwise GBK (GB18030 is its superset). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function kindOf(fileName: string): 'csv' | 'xlsx' | 'xls' {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'xls' || ext === 'et') return 'xls';
  throw new AppError('VALIDATION', `不支持的文件类型“.${ext ?? ''}”：请选择 .xlsx、.xls 或 .csv 文件`);
}

function toCell(c: XLSX.CellObject | undefined): Cell {
  if (!c || c.v === undefined || c.v === null || c.t === 'z') return { v: null, t: 'z' };
  if (c.t === 'd' && c.v instanceof Date) return { v: c.v.toISOString(), t: 'd', ...(c.w ? { w: c.w } : {}) };
  const v = c.v as string | number | boolean;
  return { v, t: c.t as Cell['t'], ...(c.w !== undefined ? { w: c.w } : {}) };
}

/**
 * Every sheet is read (the first with data is returned), so the bounds count all of them. The file is sized
 * up before SheetJS sees it; SheetJS then stops at one row past the bound, for formats the size-up cannot
 * count, and what was read is checked again.
 */
export async function readTable(bytes: Uint8Array, fileName: string, limits: TableLimits): Promise<Table> {
  if (bytes.length === 0) throw new AppError('VALIDATION', `文件“${fileName}”是空的`);
  if (bytes.length > MAX_TABLE_FILE_BYTES) throw new AppError('VALIDATION', `文件过大：“${fileName}”超过 ${toMb(MAX_TABLE_FILE_BYTES)} MB，请分批导入`);
  const kind = kindOf(fileName);
  await checkTableFile(bytes, fileName, limits, kind === 'csv');
  let wb: XLSX.WorkBook;
  try {
    const sheetRows = limits.maxRows + 1;
    wb =
      kind === 'csv'
        ? // raw: keep every CSV value as text, so long digit strings are never turned into numbers.
          XLSX.read(decodeText(bytes), { type: 'string', raw: true, dense: true, sheetRows })
        : XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: true, sheetRows });
  } catch (e) {
    throw new AppError('VALIDATION', `无法读取文件“${fileName}”：文件已损坏或不是有效的表格（${e instanceof Error ? e.message : String(e)}）`);
  }
  const sheets = wb.SheetNames.map((name) => ({ name, data: (wb.Sheets[name]?.['!data'] ?? []) as (XLSX.CellObject[] | undefined)[] }));
  let rows = 0;
  let cells = 0;
  for (const s of sheets) {
    rows += s.data.length;
    for (const r of s.data) cells += r?.length ?? 0;
  }
  if (rows > limits.maxRows) throw new AppError('VALIDATION', tooManyRows(fileName, limits.maxRows));
  if (cells > limits.maxCells) throw new AppError('VALIDATION', tooManyCells(fileName, limits.maxCells));
  for (const { name, data } of sheets) {
    const table = data.map((r) => (r ?? []).map((c) => toCell(c)));
    if (table.some((r) => r.some((c) => c.t !== 'z'))) return { sheetName: name, rows: table };
  }
  throw new AppError('VALIDATION', `文件“${fileName}”中没有任何数据`);
}

/** Text of a cell as a clerk sees it; numbers in plain digits (no exponent) where that is exact. */
export function cellText(c: Cell | undefined): string {
  if (!c || c.v === null) return '';
  if (typeof c.v === 'number') return Number.isSafeInteger(c.v) ? String(c.v) : (c.w ?? String(c.v));
  if (typeof c.v === 'boolean') return c.v ? '是' : '否';
  return String(c.v).trim();
}
