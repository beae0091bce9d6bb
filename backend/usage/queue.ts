/**
 * The review queue (勾挑核对), read side: the list (10,000 entries must open in under a second, so one indexed
 * query and no per-row lookups) and one entry beside its candidates, field by field, for highlighting.
 */
import {
  CANDIDATE_MIN_SCORE,
  type FieldAgreement,
  type QueueCandidate,
  type QueueDetail,
  type QueuePage,
  type QueueRow,
  type QueueStatus,
} from '../../shared/usage';
import { AppError } from '../../shared/errors';
import type { Reader } from '../db/handles';
import { where } from '../db/where';
import type { Candidate } from './matcher';
import { comparePlaces, normaliseName } from './normalise';
import { branchPlaces } from './places';

export interface QueueQuery {
  status: 'pending' | 'resolved' | 'all';
  kind?: 'ambiguous' | 'unmatched' | undefined;
  line?: string | undefined;
  importId?: string | undefined;
  query?: string | undefined;
  offset: number;
  limit: number;
}

export interface QueueDbRow {
  id: string;
  import_id: string;
  line: string;
  file_name: string;
  row_number: number;
  name: string;
  id_number: string | null;
  phone: string | null;
  village_id: string | null;
  village_text: string | null;
  address: string | null;
  product: string | null;
  first_date: string | null;
  last_date: string | null;
  amount_band: string | null;
  person_key: string | null;
  candidates: string;
  best_score: number;
  status: QueueStatus;
  customer_id: string | null;
  reason: string | null;
  decision_id: string | null;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

const LIST_COLUMNS = `id, line, file_name, row_number, name, id_number, phone, village_text, address, product, last_date, best_score,
  json_array_length(candidates) AS n_candidates, status, created_at, resolved_at, resolved_by, reason, customer_id`;

function toRow(q: QueueDbRow & { n_candidates?: number }): QueueRow {
  return {
    id: q.id,
    line: q.line,
    fileName: q.file_name,
    rowNumber: Number(q.row_number),
    name: q.name,
    idNumber: q.id_number,
    phone: q.phone,
    place: [q.village_text, q.address].filter(Boolean).join(' ') || null,
    product: q.product,
    lastDate: q.last_date,
    bestScore: Number(q.best_score),
    candidates: Number(q.n_candidates ?? (JSON.parse(q.candidates) as unknown[]).length),
    status: q.status,
    createdAt: q.created_at,
    resolvedAt: q.resolved_at,
    resolvedBy: q.resolved_by,
    reason: q.reason,
    customerId: q.customer_id,
  };
}

export function queueCounts(r: Reader): QueuePage['counts'] {
  const c = r.get<{ pending: number; ambiguous: number; resolved: number }>(
    `SELECT SUM(status = 'pending') AS pending, SUM(status = 'pending' AND best_score >= ?) AS ambiguous, SUM(status <> 'pending') AS resolved FROM usage_queue`,
    [CANDIDATE_MIN_SCORE],
  );
  const pending = Number(c?.pending ?? 0);
  const ambiguous = Number(c?.ambiguous ?? 0);
  return { pending, ambiguous, unmatched: pending - ambiguous, resolved: Number(c?.resolved ?? 0) };
}

export function listQueue(r: Reader, q: QueueQuery): QueuePage {
  const w = where();
  if (q.status === 'pending') w.raw("status = 'pending'");
  if (q.status === 'resolved') w.raw("status <> 'pending'");
  if (q.kind) w.cmp('best_score', q.kind === 'ambiguous' ? '>=' : '<', CANDIDATE_MIN_SCORE);
  w.eq('line', q.line).eq('import_id', q.importId).contains(['name', 'phone', 'village_text', 'address'], q.query?.trim());
  const { sql: whereSql, params } = w;
  // Likeliest matches first (quick wins), then by place so a clerk works through one village at a time.
  const order = q.status === 'pending' ? 'best_score DESC, village_text, address, name, id' : 'resolved_at DESC, id';
  const total = Number(r.value(`SELECT COUNT(*) FROM usage_queue ${whereSql}`, params) ?? 0);
  const rows = r.all<QueueDbRow & { n_candidates: number }>(`SELECT ${LIST_COLUMNS} FROM usage_queue ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`, [
    ...params,
    q.limit,
    q.offset,
  ]);
  return { rows: rows.map(toRow), total, counts: queueCounts(r) };
}

export function getEntry(r: Reader, id: string): QueueDbRow {
  const e = r.get<QueueDbRow>('SELECT * FROM usage_queue WHERE id = ?', [id]);
  if (!e) throw new AppError('NOT_FOUND', '该核对记录不存在（可能已被删除或尚未同步）');
  return e;
}

interface CandidateDbRow {
  id: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  landline: string | null;
  village_id: string | null;
  village_name: string | null;
  group_name: string | null;
  address: string | null;
  grade: number;
}

export function queueDetail(r: Reader, id: string): QueueDetail {
  const e = getEntry(r, id);
  const scored = JSON.parse(e.candidates) as Candidate[];
  const ids = scored.map((c) => c.id);
  const rows = ids.length
    ? r.all<CandidateDbRow>(
        `SELECT c.id, c.name, c.id_number, c.phone, c.landline, c.village_id, v.name AS village_name, c.group_name, c.address, c.grade
         FROM customers c LEFT JOIN villages v ON v.id = c.village_id WHERE c.deleted_at IS NULL AND c.id IN (${ids.map(() => '?').join(',')})`,
        ids,
      )
    : [];
  const byId = new Map(rows.map((c) => [c.id, c]));
  const places = branchPlaces(r);
  const rowPlace = e.address || e.village_text ? places.placeOf(`${e.village_text ?? ''}${e.address ?? ''}`) : null;
  const both = <T>(a: T | null, b: T | null, eq: boolean): FieldAgreement => (a === null || b === null ? 'missing' : eq ? 'same' : 'differs');
  const candidates: QueueCandidate[] = scored.flatMap((s) => {
    const c = byId.get(s.id);
    if (!c) return [];
    const place = rowPlace ? comparePlaces(rowPlace, places.placeOf(`${c.group_name ?? ''}${c.address ?? ''}`)) : 'unknown';
    const phoneSame = e.phone !== null && (e.phone === c.phone || e.phone === c.landline);
    return [
      {
        customerId: c.id,
        score: s.score,
        reasons: s.reasons,
        name: c.name,
        idNumber: c.id_number,
        phone: c.phone ?? c.landline,
        villageName: c.village_name,
        groupName: c.group_name,
        address: c.address,
        grade: Number(c.grade) as QueueCandidate['grade'],
        agree: {
          name: normaliseName(c.name) === normaliseName(e.name) ? 'same' : 'differs',
          idNumber: both(e.id_number, c.id_number, e.id_number === c.id_number),
          phone: phoneSame ? 'same' : both(e.phone, c.phone ?? c.landline, false),
          village: both(e.village_id, c.village_id, e.village_id === c.village_id),
          address: place === 'same' ? 'same' : place === 'conflict' ? 'differs' : 'missing',
        },
      },
    ];
  });
  const sameSource = e.person_key
    ? Number(r.value("SELECT COUNT(*) FROM usage_queue WHERE person_key = ? AND status = 'pending' AND id <> ?", [e.person_key, e.id]) ?? 0)
    : 0;
  return {
    entry: {
      ...toRow(e),
      villageId: e.village_id,
      villageText: e.village_text,
      address: e.address,
      firstDate: e.first_date,
      amountBand: e.amount_band,
      sameSource,
    },
    candidates,
  };
}
