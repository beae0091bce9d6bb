/**
 * Reading and matching an extract, as a job: read → header → line → rows → match each row. Nothing is
 * written; commit.ts applies the result in one transaction. A row decided by a clerk in an earlier import
 * (same line, same row identity) follows that decision instead of being matched or queued again.
 */
import crypto from 'node:crypto';
import type { ExtractField, ExtractProblem } from '../../shared/usage';
import { AppError } from '../../shared/errors';
import type { LocalDatabase } from '../db/localDatabase';
import { cellText, readTable } from '../excel/readTable';
import { USAGE_IMPORT_LIMITS } from '../../shared/limits';
import type { JobControl } from '../services/jobs';
import { autoMapExtract, EXTRACT_FIELD_NAMES, EXTRACT_FIELDS, findExtractHeaderRow, type ExtractMapping } from './extractHeaders';
import { readExtractRow, type ExtractRow } from './extractRows';
import { stableId } from './keys';
import { lineResolver, unknownLineError } from './lines';
import { buildMatcher, type Candidate } from './matcher';
import { normaliseAddress, type PlaceKey } from './normalise';
import { branchPlaces } from './places';

export type RowOutcome =
  | { kind: 'matched'; customerId: string; candidates: Candidate[]; decided: boolean }
  | { kind: 'queued' | 'unmatched'; candidates: Candidate[] }
  | { kind: 'discarded' };

export interface PreparedRow extends ExtractRow {
  queueId: string;
  personKey: string | null;
  villageId: string | null;
  outcome: RowOutcome;
}

export interface PreparedUsageImport {
  fileName: string;
  fileSha256: string;
  sheetName: string;
  headerRow: number;
  headers: string[];
  mapping: ExtractMapping;
  line: string | null;
  asOf: string;
  dataRows: number;
  rows: PreparedRow[];
  problems: ExtractProblem[];
}

export interface PrepareOptions {
  fileName: string;
  line?: string | undefined;
  mapping?: ExtractMapping | undefined;
  asOf: string;
  today: Date;
}

const CHUNK = 2000;

/** The same row of the same line, whichever file or installation it arrives in. */
export function queueIdOf(r: ExtractRow): string {
  if (r.account) return stableId('usage-queue', r.line, 'account', r.account);
  const place = normaliseAddress(`${r.villageText ?? ''}${r.address ?? ''}`);
  return stableId('usage-queue', r.line, r.idNumber, r.nameKey, r.phone, place, r.product);
}

/** Entries of one person, resolved together: by ID number, or by name + mobile. */
export function personKeyOf(r: Pick<ExtractRow, 'idNumber' | 'nameKey' | 'phone'>): string | null {
  if (r.idNumber) return `id:${r.idNumber}`;
  if (r.phone && /^1\d{10}$/.test(r.phone)) return `np:${r.nameKey}\u0001${r.phone}`;
  return null;
}

function checkMapping(mapping: ExtractMapping, headers: string[], fileName: string): void {
  for (const [f, c] of Object.entries(mapping)) {
    if (!EXTRACT_FIELD_NAMES.includes(f as ExtractField)) throw new AppError('VALIDATION', `未知的字段：${f}`);
    if (!Number.isInteger(c) || c < 0 || c >= Math.max(headers.length, 1))
      throw new AppError('VALIDATION', `字段“${EXTRACT_FIELDS[f as ExtractField].label}”对应的列超出范围`);
  }
  if (mapping.name === undefined) {
    throw new AppError('VALIDATION', `无法识别“${fileName}”的列：没有找到“姓名”列（可用的表头如 姓名、客户姓名、户名、投保人）。请检查文件，或手动指定各列`);
  }
}

export async function prepareUsageImport(db: LocalDatabase, bytes: Uint8Array, opts: PrepareOptions, ctl: JobControl): Promise<PreparedUsageImport> {
  const { fileName } = opts;
  const lines = db.read(lineResolver);
  // The line is checked before the file is read: a typo in --line should not cost a 100k-row read.
  let line: string | null = null;
  if (opts.line) {
    line = lines.resolve(opts.line);
    if (!line) throw unknownLineError(opts.line, lines.names);
  }
  ctl.progress(0, 0, '读取文件');
  await ctl.checkpoint();
  const table = await readTable(bytes, fileName, USAGE_IMPORT_LIMITS);
  const headerIdx = findExtractHeaderRow(table.rows);
  if (headerIdx < 0 && !opts.mapping) {
    throw new AppError('VALIDATION', `无法识别“${fileName}”的列：前 30 行中没有含“姓名”或“身份证号”等列名的表头。请检查文件，或手动指定各列`);
  }
  const hIdx = Math.max(headerIdx, 0);
  const headers = (table.rows[hIdx] ?? []).map((c) => cellText(c));
  const mapping = opts.mapping ?? autoMapExtract(headers);
  checkMapping(mapping, headers, fileName);
  if (!line && mapping.line === undefined) {
    const title = table.rows
      .slice(0, hIdx)
      .flatMap((r) => r.map((c) => cellText(c)))
      .join(' ');
    line = lines.find(fileName) ?? lines.find(title);
    if (!line) throw new AppError('VALIDATION', `无法识别“${fileName}”的业务类别：文件名、标题和各列都没有写明。请指定业务类别（${lines.names.join('、')}）`);
  }

  const places = db.read(branchPlaces);
  const matcher = db.read((r) => buildMatcher(r, places));
  const earlier = new Map(
    db
      .read((r) =>
        r.all<{ id: string; status: string; customer_id: string | null }>("SELECT id, status, customer_id FROM usage_queue WHERE status <> 'pending'"),
      )
      .map((q) => [q.id, q]),
  );
  const body = table.rows.slice(hIdx + 1);
  const rows: PreparedRow[] = [];
  const problems: ExtractProblem[] = [];
  let dataRows = 0;
  const ctx = { mapping, headers, line, lines, asOf: opts.asOf, today: opts.today };
  for (let i = 0; i < body.length; i++) {
    if (i % CHUNK === 0) {
      ctl.progress(i, body.length, '匹配客户');
      await ctl.checkpoint();
    }
    const cells = body[i] ?? [];
    if (cells.every((c) => cellText(c) === '')) continue;
    dataRows++;
    const read = readExtractRow(cells, hIdx + i + 2, ctx);
    problems.push(...read.problems);
    if (!read.row) continue;
    const r = read.row;
    const villageId = places.villageOf(r.villageText, r.address);
    const place: PlaceKey | null = r.address || r.villageText ? places.placeOf(`${r.villageText ?? ''}${r.address ?? ''}`) : null;
    const queueId = queueIdOf(r);
    const before = earlier.get(queueId);
    let outcome: RowOutcome;
    if (before?.status === 'discarded') outcome = { kind: 'discarded' };
    else if (before?.customer_id && matcher.customer(before.customer_id))
      outcome = { kind: 'matched', customerId: before.customer_id, candidates: [], decided: true };
    else {
      const m = matcher.match({ nameKey: r.nameKey, idNumber: r.idNumber, phone: r.phone, villageId, place });
      outcome = m.kind === 'matched' ? { ...m, decided: false } : m;
    }
    rows.push({ ...r, queueId, personKey: personKeyOf(r), villageId, outcome });
  }
  ctl.progress(body.length, body.length, '匹配完成');
  return {
    fileName,
    fileSha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    sheetName: table.sheetName,
    headerRow: hIdx + 1,
    headers,
    mapping,
    line,
    asOf: opts.asOf,
    dataRows,
    rows,
    problems,
  };
}
