/**
 * The wire contract between a branch and the city hub (issue 6), parsed with zod on both ends.
 *
 * Push: the branch sends outbox entries — one per row changed by one write: the changed fields' new values,
 * the write's HLC time, and `seen`, the hub cursor the branch had pulled up to when it wrote. Entries carry
 * ids, so a push repeated after a lost reply is applied once.
 * Pull: the hub answers "rows of your branch changed since cursor N" with each row's current values and the
 * HLC time of each field, in cursor order, a page at a time. The cursor is the hub's per-branch sequence.
 */
import { z } from 'zod';
import { isHlc } from './hlc';

/** Tables that are this installation's own bookkeeping and never leave it as data. */
export const LOCAL_ONLY_TABLES: readonly string[] = ['sync_outbox', 'sync_state', 'campaign_archives', 'archived_last_visits'];

/**
 * Accounts: a pull writes them only while a new installation is restored from nothing, so no hub (nor anyone
 * posing as one) can add an administrator to a branch in use or change a password there.
 */
export const ACCOUNT_TABLES: readonly string[] = ['users'];

/** Fields that leave the branch sealed with a key the hub never holds (backend/sync/accountSeal.ts). */
export const SEALED_FIELDS: Readonly<Record<string, readonly string[]>> = { users: ['password_hash'] };
export const SEALED_PREFIX = 'sealed.v1.';

/** delete_reason of a customer erased on request (个人信息删除): the hub then scrubs the history it keeps. */
export const ERASURE_REASON = '个人信息删除请求';

/**
 * Fields the app derives or stamps itself (times of the last edit, grades, counters, latest outcome): the
 * later value still wins, but two PCs overwriting them is not a disagreement a supervisor could settle, so
 * it is not recorded as a conflict.
 */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set([
  'created_at',
  'updated_at',
  'maintained_at',
  'maintained_by',
  'grade',
  'grade_at',
  'selection_count',
  'last_selected_at',
  'last_outcome',
  'last_visit_at',
  'failed_logins',
  'last_failed_at',
  'last_login_at',
]);

const ident = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { error: '表名或字段名无效' });
const hlc = z.string().refine(isHlc, { error: '时钟时间戳无效' });
const value = z.union([z.string().max(100_000), z.number(), z.null()]);
export type SyncValue = z.infer<typeof value>;

export const changeMessage = z
  .object({
    id: z.string().min(8).max(64),
    tbl: ident,
    pk: z.string().min(1).max(200),
    /** The changed fields' new values; null = the row was deleted. */
    fields: z.record(ident, value).nullable(),
    hlc,
    seen: z.number().int().min(0),
  })
  .strict();
export type ChangeMessage = z.infer<typeof changeMessage>;

export const MAX_PUSH = 5000;

const IDENT_RE = /^[a-z][a-z0-9_]{0,62}$/;
const NODE_RE = /^[0-9a-z]{1,32}$/;

/**
 * The push body checked by hand: the same rules as the zod schemas above, written out because a push of
 * 5,000 wide rows is checked field by field and the hub does this for hundreds of branches.
 */
export function parsePushRequest(raw: unknown): PushRequest {
  const fail = (why: string): never => {
    throw new Error(`上传的数据格式不对：${why}`);
  };
  if (typeof raw !== 'object' || raw === null) fail('不是对象');
  const { node, changes, schema, app, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length) fail(`多余的字段 ${Object.keys(rest).join(',')}`);
  if (schema !== undefined && !(typeof schema === 'number' && Number.isSafeInteger(schema) && schema > 0)) fail('数据版本无效');
  if (app !== undefined && !(typeof app === 'string' && app.length <= 40)) fail('程序版本无效');
  if (typeof node !== 'string' || !NODE_RE.test(node)) fail('节点编号无效');
  if (!Array.isArray(changes)) fail('缺少变更列表');
  const list = changes as unknown[];
  if (list.length > MAX_PUSH) fail(`一次最多 ${MAX_PUSH} 条变更`);
  list.forEach((c, i) => {
    if (typeof c !== 'object' || c === null) fail(`第 ${i + 1} 条不是对象`);
    const m = c as Record<string, unknown>;
    for (const k of Object.keys(m)) if (!['id', 'tbl', 'pk', 'fields', 'hlc', 'seen'].includes(k)) fail(`第 ${i + 1} 条有多余的字段 ${k}`);
    if (typeof m['id'] !== 'string' || m['id'].length < 8 || m['id'].length > 64) fail(`第 ${i + 1} 条的编号无效`);
    if (typeof m['tbl'] !== 'string' || !IDENT_RE.test(m['tbl'])) fail(`第 ${i + 1} 条的表名无效`);
    if (typeof m['pk'] !== 'string' || !m['pk'] || m['pk'].length > 200) fail(`第 ${i + 1} 条的记录编号无效`);
    if (!isHlc(m['hlc'])) fail(`第 ${i + 1} 条的时钟时间戳无效`);
    if (typeof m['seen'] !== 'number' || !Number.isSafeInteger(m['seen']) || m['seen'] < 0) fail(`第 ${i + 1} 条的同步游标无效`);
    const f = m['fields'];
    if (f === null) return;
    if (typeof f !== 'object' || Array.isArray(f)) fail(`第 ${i + 1} 条的字段无效`);
    for (const [k, v] of Object.entries(f as object)) {
      if (!IDENT_RE.test(k)) fail(`第 ${i + 1} 条的字段名 ${k.slice(0, 40)} 无效`);
      if (v !== null && typeof v !== 'number' && !(typeof v === 'string' && v.length <= 100_000)) fail(`第 ${i + 1} 条字段 ${k} 的值无效`);
    }
  });
  return raw as PushRequest;
}
export const pushRequest = z
  .object({
    node: z.string().regex(/^[0-9a-z]{1,32}$/),
    changes: z.array(changeMessage).max(MAX_PUSH),
    /** The branch's schema version (its number of migrations): the hub refuses one newer than it can read. */
    schema: z.number().int().positive().optional(),
    /** The branch program's version, shown on the hub's 网点 page. */
    app: z.string().max(40).optional(),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequest>;

export interface PushResponse {
  /** Newly applied (a repeated id counts as a duplicate, not again). */
  applied: number;
  duplicates: number;
  /** Refused one by one (e.g. a row of another branch); the branch drops them from its outbox and shows why. */
  rejected: { id: string; reason: string }[];
  conflicts: number;
  /** The hub's latest clock time, so the branch stamps later writes after everything the hub has. */
  hlc: string | null;
}

export interface PulledRow {
  tbl: string;
  pk: string;
  /** Current values; null = deleted at the hub. */
  data: Record<string, SyncValue> | null;
  /** HLC time of the row's fields, and of the fields written later than the rest. */
  h: string;
  fh?: Record<string, string>;
}

export interface PullResponse {
  rows: PulledRow[];
  cursor: number;
  more: boolean;
  branch: { id: string; name: string };
}

export const MAX_PULL = 5000;

export const pullResponse = z.object({
  rows: z.array(
    z.object({ tbl: ident, pk: z.string().min(1).max(200), data: z.record(z.string(), value).nullable(), h: hlc, fh: z.record(z.string(), hlc).optional() }),
  ),
  cursor: z.number().int().min(0),
  more: z.boolean(),
  branch: z.object({ id: z.string(), name: z.string() }),
});

export const pushResponse = z.object({
  applied: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ id: z.string(), reason: z.string() })),
  conflicts: z.number().int(),
  hlc: z.string().nullable(),
});

/** A sync file (for branches without a line): the pushes a connection would make, plus the cursor to pull from. */
export interface SyncFileRequest {
  kind: 'request';
  branchId: string;
  createdAt: string;
  pushes: PushRequest[];
  since: number;
}
/** The hub's reply file: what the pushes did, and every page a pull from `since` would have returned. */
export interface SyncFileReply {
  kind: 'reply';
  branchId: string;
  createdAt: string;
  requestCreatedAt: string;
  since: number;
  push: PushResponse;
  /** Outbox entries the hub received (applied, duplicate or refused): the branch drops exactly these. */
  acked: string[];
  pulls: PullResponse[];
}
