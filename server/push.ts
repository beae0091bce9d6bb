/**
 * Applying a branch's push at the hub: one transaction per push, holding the branch's row lock, so the
 * branch's sequence numbers are handed out in commit order and a pull never skips a change that commits
 * late. Merge rules (docs/design.md "Sync"):
 * - a change id already received is skipped (a push repeated after a lost reply applies once);
 * - each field keeps the value with the later HLC time;
 * - a field is in conflict when the change's writer had not seen the field's current value (it was written
 *   by another installation after the writer's pull cursor) and the values differ; the losing value is kept
 *   as a sync_conflicts row in the branch's data, so it is pulled down for a supervisor to review;
 * - a delete is final: the row becomes a tombstone that later edits cannot revive;
 * - an edit of a row that only another branch has is refused, change by change.
 */
import crypto from 'node:crypto';
import { hlcNode, type Hlc } from '../shared/hlc';
import {
  BOOKKEEPING_FIELDS,
  ERASURE_REASON,
  LOCAL_ONLY_TABLES,
  SEALED_FIELDS,
  SEALED_PREFIX,
  type ChangeMessage,
  type PushRequest,
  type PushResponse,
  type SyncValue,
} from '../shared/syncProtocol';
import { BRANCH_SCHEMA } from '../shared/branchSchema';
import { changeProblem, changeRefs } from '../shared/rowCheck';
import type { BranchRow } from './branches';
import { HubError } from './errors';
import { saveTyped } from './typed';
import { num, type HubDb, type Queryable } from './db';

export interface RecordState {
  tbl: string;
  pk: string;
  data: Record<string, SyncValue> | null;
  h: string;
  hseq: number;
  fh: Record<string, string>;
  fs: Record<string, number>;
  seq: number;
  dirty: boolean;
}

interface Conflict {
  tbl: string;
  pk: string;
  field: string;
  kept: SyncValue | undefined;
  lost: SyncValue | undefined;
  keptHlc: string;
  lostHlc: string;
}

export interface PushResult extends PushResponse {
  /** Every change id of the request the branch may drop from its outbox (applied, duplicate or refused). */
  acked: string[];
}

const rowKey = (tbl: string, pk: string) => `${tbl}\u0000${pk}`;

/** Field sequence numbers as stored (text from pg, numbers from PGlite) → numbers. */
function seqs(stored: Record<string, unknown> | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [f, s] of Object.entries(stored ?? {})) out[f] = num(s);
  return out;
}

/** Takes the branch's row lock for the rest of the transaction and returns its last sequence number: every
 * writer into a branch's rows (pushes, hub campaigns) goes through here, so numbers follow commit order. */
export async function lockBranchSeq(q: Queryable, branchId: string): Promise<number> {
  const locked = await q.query<{ seq: unknown }>('UPDATE branches SET seq = seq WHERE id = $1 RETURNING seq', [branchId]);
  return num(locked[0]?.seq);
}

export async function applyPush(db: HubDb, branch: BranchRow, req: PushRequest, clock: Hlc, now: () => Date): Promise<PushResult> {
  return db.tx((q) => pushInTx(q, branch, req, clock, now));
}

async function pushInTx(q: Queryable, branch: BranchRow, req: PushRequest, clock: Hlc, now: () => Date): Promise<PushResult> {
  if (req.schema !== undefined && req.schema > BRANCH_SCHEMA.version) {
    throw new HubError(
      409,
      'VERSION',
      `本网点程序的数据版本（${req.schema}）比市局服务器能读的（${BRANCH_SCHEMA.version}）新，市局暂时无法接收；数据已保存在本机，请联系市局升级服务器`,
    );
  }
  let seq = await lockBranchSeq(q, branch.id);
  const ids = req.changes.map((c) => c.id);
  const known = new Set(
    (
      await q.query<{ change_id: string }>('SELECT change_id FROM changes WHERE change_id IN (SELECT jsonb_array_elements_text($1::jsonb))', [
        JSON.stringify(ids),
      ])
    ).map((r) => r.change_id),
  );
  const fresh: ChangeMessage[] = [];
  let duplicates = 0;
  for (const c of req.changes) {
    if (known.has(c.id)) duplicates++;
    else {
      known.add(c.id);
      fresh.push(c);
    }
  }
  const { own, foreign } = await loadRows(q, branch.id, fresh);
  const present = await referencedRows(q, branch.id, fresh);
  const rejected: { id: string; reason: string }[] = [];
  const conflicts: Conflict[] = [];
  const logged: unknown[] = [];
  for (const c of fresh) {
    const key = rowKey(c.tbl, c.pk);
    if (LOCAL_ONLY_TABLES.includes(c.tbl)) {
      rejected.push({ id: c.id, reason: `表 ${c.tbl} 只属于本机，不应同步` });
      continue;
    }
    const plain = unsealedSecret(c);
    if (plain) {
      // The hub keeps account secrets only sealed with the branch's key, so a dump of it has nothing to crack.
      rejected.push({ id: c.id, reason: `字段 ${plain} 未加密，市局不保存明文的账号密码，请升级网点程序后再同步` });
      continue;
    }
    // Rows seeded with the same id on every installation (e.g. built-in libraries) exist in every branch;
    // a branch may insert its own copy, but an edit of a row only another branch has is refused.
    if (foreign.has(key) && !own.has(key) && !isInsert(c)) {
      rejected.push({ id: c.id, reason: '这条记录属于其他网点，拒绝写入' });
      continue;
    }
    const why =
      changeProblem(BRANCH_SCHEMA, c.tbl, c.pk, c.fields, isInsert(c)) ??
      (c.fields !== null && !isInsert(c) && !own.has(key) && !foreign.has(key)
        ? `${c.tbl} 记录 ${c.pk} 在市局尚不存在（它的新建没有被接受），这次修改无法保存`
        : null) ??
      missingRef(c, present, own);
    if (why) {
      rejected.push({ id: c.id, reason: why });
      continue;
    }
    seq += 1;
    clock.recv(c.hlc);
    const state = own.get(key);
    if (!state) own.set(key, newRecord(c, seq));
    else mergeInto(state, c, seq, conflicts);
    logged.push({ change_id: c.id, seq, tbl: c.tbl, pk: c.pk, fields: c.fields, hlc: c.hlc, seen: c.seen, node: hlcNode(c.hlc) });
  }
  const erased = new Set(fresh.filter((c) => c.tbl === 'customers' && c.fields?.['delete_reason'] === ERASURE_REASON).map((c) => c.pk));
  for (const id of erased) seq = await scrubErased(q, branch.id, id, own, seq);
  const detectedAt = now().toISOString();
  // An erasure overwriting values is not a disagreement to review: the values must go, not be kept.
  for (const k of conflicts.filter((x) => !(x.tbl === 'customers' && erased.has(x.pk)))) {
    seq += 1;
    const id = crypto.randomUUID();
    const h = clock.send();
    own.set(rowKey('sync_conflicts', id), {
      tbl: 'sync_conflicts',
      pk: id,
      data: {
        id,
        tbl: k.tbl,
        pk: k.pk,
        field: k.field,
        kept_value: JSON.stringify(k.kept ?? null),
        lost_value: JSON.stringify(k.lost ?? null),
        kept_hlc: k.keptHlc,
        lost_hlc: k.lostHlc,
        detected_at: detectedAt,
        resolved_at: null,
        resolved_by: null,
        resolution: null,
      },
      h,
      hseq: seq,
      fh: {},
      fs: {},
      seq,
      dirty: true,
    });
  }
  const dirty = [...own.values()].filter((r) => r.dirty);
  await saveRows(q, branch.id, dirty);
  if (logged.length) {
    await q.query(
      `INSERT INTO changes (change_id, branch_id, seq, tbl, pk, fields, hlc, seen, node)
       SELECT c.change_id, $1, c.seq, c.tbl, c.pk, c.fields, c.hlc, c.seen, c.node
       FROM jsonb_to_recordset($2::jsonb) AS c(change_id text, seq bigint, tbl text, pk text, fields jsonb, hlc text, seen bigint, node text)`,
      [branch.id, JSON.stringify(logged)],
    );
  }
  // What the 同步状况 page names: the refusals of the branch's latest push (a clean push clears them).
  await q.query(
    `UPDATE branches SET seq = $2, schema_version = coalesce($3, schema_version), app_version = coalesce($4, app_version), last_push_at = now(),
       rejected_count = CASE WHEN $5::int > 0 OR $7::int > 0 THEN $5::int ELSE rejected_count END,
       last_rejected_reason = CASE WHEN $5::int > 0 THEN $6 ELSE last_rejected_reason END,
       last_rejected_at = CASE WHEN $5::int > 0 THEN now() ELSE last_rejected_at END
     WHERE id = $1`,
    [branch.id, seq, req.schema ?? null, req.app ?? null, rejected.length, rejected.at(-1)?.reason ?? null, logged.length],
  );
  return {
    applied: logged.length,
    duplicates,
    rejected,
    conflicts: conflicts.filter((x) => !(x.tbl === 'customers' && erased.has(x.pk))).length,
    hlc: clock.current,
    acked: ids,
  };
}

/** The rows of this branch (tombstones too) that the changes refer to and the hub already has. */
async function referencedRows(q: Queryable, branchId: string, changes: readonly ChangeMessage[]): Promise<Set<string>> {
  const refs = new Map<string, { tbl: string; pk: string }>();
  for (const c of changes) for (const r of changeRefs(BRANCH_SCHEMA, c.tbl, c.fields)) refs.set(rowKey(r.tbl, r.pk), r);
  if (!refs.size) return new Set();
  const rows = await q.query<{ tbl: string; pk: string }>(
    `SELECT r.tbl, r.pk FROM records r JOIN jsonb_to_recordset($2::jsonb) AS k(tbl text, pk text) ON r.tbl = k.tbl AND r.pk = k.pk WHERE r.branch_id = $1`,
    [branchId, JSON.stringify([...refs.values()])],
  );
  return new Set(rows.map((r) => rowKey(r.tbl, r.pk)));
}

/** A reference to a row this branch never sent (nor sends earlier in this push): refused, not stored dangling. */
function missingRef(c: ChangeMessage, present: Set<string>, own: Map<string, RecordState>): string | null {
  for (const r of changeRefs(BRANCH_SCHEMA, c.tbl, c.fields)) {
    const k = rowKey(r.tbl, r.pk);
    if (!present.has(k) && !own.has(k)) return `${c.tbl}.${r.field} 引用的 ${r.tbl} 记录 ${r.pk} 在市局不存在（不属于本网点或尚未上传）`;
  }
  return null;
}

async function loadRows(q: Queryable, branchId: string, changes: readonly ChangeMessage[]): Promise<{ own: Map<string, RecordState>; foreign: Set<string> }> {
  const own = new Map<string, RecordState>();
  const foreign = new Set<string>();
  if (!changes.length) return { own, foreign };
  const keys = new Map<string, { tbl: string; pk: string }>();
  for (const c of changes) keys.set(rowKey(c.tbl, c.pk), { tbl: c.tbl, pk: c.pk });
  const rows = await q.query<{
    branch_id: string;
    tbl: string;
    pk: string;
    data: RecordState['data'];
    h: string;
    hseq: unknown;
    fh: Record<string, string>;
    fs: Record<string, unknown>;
    seq: unknown;
  }>(
    `SELECT r.branch_id, r.tbl, r.pk, r.data, r.h, r.hseq, r.fh, r.fs, r.seq
     FROM records r JOIN jsonb_to_recordset($1::jsonb) AS k(tbl text, pk text) ON r.tbl = k.tbl AND r.pk = k.pk`,
    [JSON.stringify([...keys.values()])],
  );
  for (const r of rows) {
    const key = rowKey(r.tbl, r.pk);
    if (r.branch_id !== branchId) {
      foreign.add(key);
      continue;
    }
    own.set(key, { tbl: r.tbl, pk: r.pk, data: r.data, h: r.h, hseq: num(r.hseq), fh: r.fh ?? {}, fs: seqs(r.fs), seq: num(r.seq), dirty: false });
  }
  return { own, foreign };
}

/** An insert carries the whole row, so its primary-key column's value is among its fields. */
const isInsert = (c: ChangeMessage): boolean => c.fields !== null && Object.values(c.fields).some((v) => v === c.pk);

function newRecord(c: ChangeMessage, seq: number): RecordState {
  return { tbl: c.tbl, pk: c.pk, data: c.fields ? { ...c.fields } : null, h: c.hlc, hseq: seq, fh: {}, fs: {}, seq, dirty: true };
}

function mergeInto(r: RecordState, c: ChangeMessage, seq: number, conflicts: Conflict[]): void {
  if (r.data === null) return; // a tombstone stays one
  if (c.fields === null) {
    r.data = null;
    r.h = c.hlc;
    r.hseq = seq;
    r.fh = {};
    r.fs = {};
    r.seq = seq;
    r.dirty = true;
    return;
  }
  const writer = hlcNode(c.hlc);
  for (const [field, value] of Object.entries(c.fields)) {
    const curHlc = r.fh[field] ?? r.h;
    const curSeq = r.fs[field] ?? r.hseq;
    const cur = r.data[field];
    const differs = cur !== value;
    const unseen = hlcNode(curHlc) !== writer && curSeq > c.seen && !BOOKKEEPING_FIELDS.has(field);
    if (c.hlc > curHlc) {
      if (unseen && differs) conflicts.push({ tbl: r.tbl, pk: r.pk, field, kept: value, lost: cur, keptHlc: c.hlc, lostHlc: curHlc });
      r.data[field] = value;
      r.fh[field] = c.hlc;
      r.fs[field] = seq;
      r.seq = seq;
      r.dirty = true;
    } else if (unseen && differs && c.hlc !== curHlc) {
      conflicts.push({ tbl: r.tbl, pk: r.pk, field, kept: cur, lost: value, keptHlc: curHlc, lostHlc: c.hlc });
    }
  }
}

/**
 * A customer erased on request: the values the hub's history still holds (earlier changes of the customer,
 * their usage facts and consents, conflicts over their fields) are blanked, and the conflicts are re-sent
 * so every PC of the branch blanks its copy too. What remains is that a change happened, not what it said.
 */
async function scrubErased(q: Queryable, branchId: string, customerId: string, own: Map<string, RecordState>, seq: number): Promise<number> {
  await q.query(
    `UPDATE changes SET fields = (SELECT jsonb_object_agg(k, NULL) FROM jsonb_object_keys(fields) AS k)
     WHERE branch_id = $1 AND fields IS NOT NULL AND jsonb_typeof(fields) = 'object' AND fields <> '{}'::jsonb
       AND ((tbl = 'customers' AND pk = $2) OR (tbl IN ('usage_facts', 'consent_events') AND fields->>'customer_id' = $2))`,
    [branchId, customerId],
  );
  const conflicts = await q.query<{
    pk: string;
    data: Record<string, SyncValue>;
    h: string;
    hseq: unknown;
    fh: Record<string, string>;
    fs: Record<string, unknown>;
  }>("SELECT pk, data, h, hseq, fh, fs FROM records WHERE branch_id = $1 AND tbl = 'sync_conflicts' AND data->>'pk' = $2", [branchId, customerId]);
  for (const c of conflicts) {
    seq += 1;
    own.set(rowKey('sync_conflicts', c.pk), {
      tbl: 'sync_conflicts',
      pk: c.pk,
      data: { ...c.data, kept_value: 'null', lost_value: 'null' },
      h: c.h,
      hseq: num(c.hseq),
      fh: c.fh ?? {},
      fs: seqs(c.fs),
      seq,
      dirty: true,
    });
  }
  return seq;
}

export async function saveRows(q: Queryable, branchId: string, rows: readonly RecordState[]): Promise<void> {
  // Chunked so one statement's parameter stays a few MB even for a 5,000-change push of wide rows.
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => ({ tbl: r.tbl, pk: r.pk, data: r.data, h: r.h, hseq: r.hseq, fh: r.fh, fs: r.fs, seq: r.seq }));
    await q.query(
      `INSERT INTO records (branch_id, tbl, pk, data, h, hseq, fh, fs, seq)
       SELECT $1, r.tbl, r.pk, r.data, r.h, r.hseq, r.fh, r.fs, r.seq
       FROM jsonb_to_recordset($2::jsonb) AS r(tbl text, pk text, data jsonb, h text, hseq bigint, fh jsonb, fs jsonb, seq bigint)
       ON CONFLICT (branch_id, tbl, pk) DO UPDATE SET data = excluded.data, h = excluded.h, hseq = excluded.hseq, fh = excluded.fh, fs = excluded.fs, seq = excluded.seq`,
      [branchId, JSON.stringify(chunk)],
    );
  }
  await saveTyped(q, branchId, rows);
}

/** The first secret field a change carries in the clear, if any. */
function unsealedSecret(c: ChangeMessage): string | null {
  for (const f of SEALED_FIELDS[c.tbl] ?? []) {
    const v = c.fields?.[f];
    if (v !== undefined && v !== null && !(typeof v === 'string' && v.startsWith(SEALED_PREFIX))) return f;
  }
  return null;
}
