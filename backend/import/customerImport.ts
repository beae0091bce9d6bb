/**
 * Customer import: read → find header → map → validate every row → find duplicates (in the file and against
 * the database) → preview. Nothing is written until commit, which applies the whole file in one transaction:
 * a crash or kill mid-import leaves the database as it was.
 */
import type { ImportPreview, ImportProblem, ImportResult } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { CustomerFields } from '../../shared/schemas';
import type { LocalDatabase } from '../db/localDatabase';
import { cellText, readTable, type Cell } from '../excel/readTable';
import { CUSTOMER_IMPORT_LIMITS } from '../../shared/limits';
import type { CallContext } from '../services/context';
import type { JobControl } from '../services/jobs';
import { isTotalsRow, prepareRow, type PreparedRow, type RowProblem } from './customerRows';
import { readCustomerCode } from '../../shared/customerCode';
import { autoMap, CUSTOMER_IMPORT_FIELDS, findHeaderRow, IMPORT_FIELDS, type ColumnMapping, type ImportField } from './headers';
import { villageResolver } from './villageResolver';

export type MatchKind = 'code' | 'idNumber' | 'namePhone';
export const MATCH_LABELS: Record<MatchKind, string> = { code: '客户编号相同', idNumber: '身份证号相同', namePhone: '姓名和电话相同' };

export interface PreparedImport {
  fileName: string;
  sheetName: string;
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping;
  dataRows: number;
  valid: (PreparedRow & { match: { id: string; by: MatchKind } | null })[];
  problems: RowProblem[];
  /** Original cells of every row with a problem, for the error report. */
  problemCells: Map<number, Cell[]>;
  fileDuplicateRows: number;
  /** Footer lines (合计 …) passed over. */
  totalsRows: number;
}

/** 客户编号 as this program prints it (KM-00127X, any case or spacing) or as older exports wrote it (the id). */
const codeKey = (text: string) => {
  const read = readCustomerCode(text);
  return read.ok ? read.code : text.trim();
};

const CHUNK = 2000;

export async function prepareImport(
  db: LocalDatabase,
  bytes: Uint8Array,
  fileName: string,
  mappingOverride: ColumnMapping | undefined,
  ctl: JobControl,
): Promise<PreparedImport> {
  ctl.progress(0, 0, '读取文件');
  await ctl.checkpoint();
  const table = await readTable(bytes, fileName, CUSTOMER_IMPORT_LIMITS);
  const headerIdx = findHeaderRow(table.rows);
  if (headerIdx < 0 && !mappingOverride) {
    throw new AppError('VALIDATION', `在“${fileName}”的前 30 行中找不到表头（如 姓名、身份证号、电话、村）。请检查文件，或手动指定各列`);
  }
  const hIdx = Math.max(headerIdx, 0);
  const headers = (table.rows[hIdx] ?? []).map((c) => cellText(c));
  const mapping = mappingOverride ?? autoMap(headers);
  for (const [f, col] of Object.entries(mapping)) {
    if (!IMPORT_FIELDS.includes(f as ImportField)) throw new AppError('VALIDATION', `未知的字段：${f}`);
    if (!Number.isInteger(col) || col < 0 || col >= Math.max(headers.length, 1)) throw new AppError('VALIDATION', `字段“${f}”对应的列超出范围`);
  }
  if (mapping.name === undefined) throw new AppError('VALIDATION', '没有找到“姓名”列，请在列对应中指定哪一列是姓名');

  const villages = db.read(villageResolver);
  const dataStart = hIdx + 1;
  const body = table.rows.slice(dataStart);
  const total = body.length;
  const valid: PreparedImport['valid'] = [];
  const problems: RowProblem[] = [];
  const problemCells = new Map<number, Cell[]>();
  const seenId = new Map<string, number>();
  const seenNamePhone = new Map<string, number>();
  const seenCode = new Map<string, number>();
  let fileDuplicateRows = 0;
  let totalsRows = 0;
  let dataRows = 0;

  for (let i = 0; i < total; i++) {
    if (i % CHUNK === 0) {
      ctl.progress(i, total, '校验');
      await ctl.checkpoint();
    }
    const cells = body[i] ?? [];
    if (cells.every((c) => cellText(c) === '')) continue;
    if (isTotalsRow(cells)) {
      totalsRows++;
      continue;
    }
    dataRows++;
    const rowNumber = dataStart + i + 1;
    const res = prepareRow(cells, rowNumber, mapping, headers, villages);
    if (!res.ok) {
      problems.push(...res.problems);
      problemCells.set(rowNumber, cells);
      continue;
    }
    const f = res.row.fields;
    const earlier =
      (res.row.customerCode ? seenCode.get(codeKey(res.row.customerCode)) : undefined) ??
      (f.idNumber ? seenId.get(f.idNumber) : undefined) ??
      (f.phone ? seenNamePhone.get(`${f.name}\u0001${f.phone}`) : undefined);
    if (earlier !== undefined) {
      fileDuplicateRows++;
      problems.push({ row: rowNumber, column: '', message: `与文件第 ${earlier} 行是同一客户（重复行未导入）` });
      problemCells.set(rowNumber, cells);
      continue;
    }
    if (res.row.customerCode) seenCode.set(codeKey(res.row.customerCode), rowNumber);
    if (f.idNumber) seenId.set(f.idNumber, rowNumber);
    if (f.phone) seenNamePhone.set(`${f.name}\u0001${f.phone}`, rowNumber);
    valid.push({ ...res.row, match: null });
  }

  ctl.progress(total, total, '查找重复');
  await ctl.checkpoint();
  matchExisting(db, valid);
  return {
    fileName,
    sheetName: table.sheetName,
    headerRow: hIdx + 1,
    headers,
    mapping,
    dataRows,
    valid,
    problems,
    problemCells,
    fileDuplicateRows,
    totalsRows,
  };
}

/** Customer code first, then ID number, then name + phone — the order docs/domain.md's clerks trust. */
function matchExisting(db: LocalDatabase, rows: PreparedImport['valid']): void {
  db.read((r) => {
    const byId = new Map<string, string>();
    const byIdNumber = new Map<string, string>();
    const byNamePhone = new Map<string, string>();
    for (const c of r.all<{ id: string; code: string | null; name: string; id_number: string | null; phone: string | null }>(
      'SELECT id, code, name, id_number, phone FROM customers WHERE deleted_at IS NULL',
    )) {
      byId.set(c.id, c.id);
      if (c.code) byId.set(c.code, c.id);
      if (c.id_number) byIdNumber.set(c.id_number, c.id);
      if (c.phone) byNamePhone.set(`${c.name}\u0001${c.phone}`, c.id);
    }
    for (const row of rows) {
      const f = row.fields;
      const code = row.customerCode ? byId.get(codeKey(row.customerCode)) : undefined;
      const idn = f.idNumber ? byIdNumber.get(f.idNumber) : undefined;
      const np = f.phone ? byNamePhone.get(`${f.name}\u0001${f.phone}`) : undefined;
      row.match = code ? { id: code, by: 'code' } : idn ? { id: idn, by: 'idNumber' } : np ? { id: np, by: 'namePhone' } : null;
    }
  });
}

export function previewOf(jobId: string, p: PreparedImport, villageNames: Map<string, string>): ImportPreview {
  const problemRows = new Set(p.problems.map((x) => x.row)).size;
  const warnings = p.valid.flatMap((v) => v.warnings);
  const duplicateRows = p.valid.filter((v) => v.match).length;
  return {
    jobId,
    fileName: p.fileName,
    sheetName: p.sheetName,
    headerRow: p.headerRow,
    headers: p.headers,
    mapping: p.mapping,
    fieldLabels: Object.fromEntries(IMPORT_FIELDS.map((f) => [f, CUSTOMER_IMPORT_FIELDS[f].label])) as ImportPreview['fieldLabels'],
    dataRows: p.dataRows,
    validRows: p.valid.length,
    newRows: p.valid.length - duplicateRows,
    duplicateRows,
    fileDuplicateRows: p.fileDuplicateRows,
    problemRows,
    problems: p.problems.slice(0, 500),
    warnings: warnings.slice(0, 500),
    warningRows: new Set(warnings.map((x) => x.row)).size,
    totalsRows: p.totalsRows,
    sample: p.valid.slice(0, 20).map((v) => ({
      row: v.row,
      name: v.fields.name,
      phone: v.fields.phone,
      idNumber: v.fields.idNumber,
      villageName: v.fields.villageId ? (villageNames.get(v.fields.villageId) ?? null) : null,
      match: v.match ? MATCH_LABELS[v.match.by] : null,
    })),
  };
}

export type { ImportProblem, ImportResult, CustomerFields, CallContext };
