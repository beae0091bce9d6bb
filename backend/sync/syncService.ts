/**
 * One installation's sync: the clock, the outbox hook, and sync runs over any transport (HTTP, files).
 * Runs are serialised — a click on 立即同步 during a scheduled run joins that run. Each pushed batch is
 * acknowledged and each pulled page applied in its own durable write, so a run cut at any point resumes
 * where it stopped: re-sending a batch whose reply was lost is harmless, a page is applied with its cursor.
 */
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import { Hlc } from '../../shared/hlc';
import { ACCOUNT_TABLES, MAX_PULL, SEALED_FIELDS, type ChangeMessage, type PushRequest } from '../../shared/syncProtocol';
import type { LocalDatabase } from '../db/localDatabase';
import { MIGRATIONS } from '../db/migrations';
import type { Reader, Writer } from '../db/handles';
import { accountKey, sealMessages } from './accountSeal';
import { applyPulled } from './apply';
import { seqRuns, WHOLE_ROW } from '../db/derived';
import { quoteIdent, tableShapes, type TableShape } from '../db/tables';
import { enqueueEverything, enqueueTables } from './outbox';
import { addProblems, getSyncState, setSyncState, SYNC_KEYS } from './state';
import type { Transport } from './transport';

export const PUSH_BATCH = 5000;

export interface SyncRunResult {
  pushed: number;
  pulled: number;
  conflicts: number;
  rejected: number;
}

export class SyncService {
  private readonly clock: Hlc;
  private cursor: number;
  private enabled: boolean;
  private running: Promise<SyncRunResult> | undefined;

  private constructor(
    private readonly db: LocalDatabase,
    node: string,
    last: string | null,
    private readonly now: () => Date,
    private readonly app: string | undefined,
  ) {
    this.clock = new Hlc(node, () => now().getTime(), last);
    this.cursor = Number(db.read((r) => getSyncState(r, SYNC_KEYS.cursor)) ?? 0);
    this.enabled = db.read((r) => getSyncState(r, SYNC_KEYS.enabled)) === '1';
    db.setChangeHook((w, queue) => this.capture(w, queue));
  }

  /** Installs the outbox hook on an open database. */
  static attach(db: LocalDatabase, now: () => Date = () => new Date(), app?: string): SyncService {
    // The node id is stored when sync is first set up (enable); until then nothing is stamped with it.
    const node = db.read((r) => getSyncState(r, SYNC_KEYS.node)) ?? crypto.randomBytes(8).toString('hex');
    return new SyncService(
      db,
      node,
      db.read((r) => getSyncState(r, SYNC_KEYS.hlc)),
      now,
      app,
    );
  }

  get node(): string {
    return this.clock.node;
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  get currentCursor(): number {
    return this.cursor;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /**
   * Turns the outbox on. Everything already in the database is queued once, so a branch that worked for
   * months before it had a hub sends all of it on its first sync.
   */
  enable(w: Writer): number {
    if (this.enabled) return 0;
    const queued = enqueueEverything(this.db, w, this.clock.send(), this.cursor);
    setSyncState(w, SYNC_KEYS.node, this.node);
    setSyncState(w, SYNC_KEYS.enabled, '1');
    setSyncState(w, SYNC_KEYS.hlc, this.clock.current);
    this.enabled = true;
    return queued;
  }

  /**
   * The accounts once more: the hub keeps their secrets sealed with a key from the token, so after a token
   * change it must get them sealed with the new one, or a restore with that token could not open them.
   */
  requeueAccounts(w: Writer): number {
    if (!this.enabled) return 0;
    const n = enqueueTables(this.db, ACCOUNT_TABLES, this.clock.send(), this.cursor);
    setSyncState(w, SYNC_KEYS.hlc, this.clock.current);
    return n;
  }

  pendingCount(r: Reader): number {
    return r.value<number>('SELECT count(*) FROM sync_outbox') ?? 0;
  }

  /** Push everything waiting, then pull everything new. Joins a run already under way. */
  run(transport: Transport): Promise<SyncRunResult> {
    if (!this.enabled) return Promise.reject(new AppError('VALIDATION', '尚未设置市局同步，请先在 设置 → 同步 中填写市局地址和网点令牌'));
    this.running ??= this.runOnce(transport).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The outbox in push-sized batches, oldest first (what a sync file carries). */
  outboxBatches(): PushRequest[] {
    const messages = this.db.read((r) => readOutbox(r, -1));
    const out: PushRequest[] = [];
    for (let i = 0; i < messages.length; i += PUSH_BATCH) out.push(this.pushRequest(messages.slice(i, i + PUSH_BATCH)));
    return out;
  }

  private pushRequest(changes: ChangeMessage[]): PushRequest {
    return { node: this.node, changes, schema: MIGRATIONS.length, ...(this.app ? { app: this.app } : {}) };
  }

  private async runOnce(transport: Transport): Promise<SyncRunResult> {
    const result: SyncRunResult = { pushed: 0, pulled: 0, conflicts: 0, rejected: 0 };
    for (;;) {
      const batch = this.db.read((r) => readOutbox(r, PUSH_BATCH));
      if (!batch.length) break;
      const reply = await transport.push(this.pushRequest(batch));
      this.acknowledge(reply.acked, reply.rejected, reply.hlc);
      result.pushed += reply.applied + reply.duplicates;
      result.rejected += reply.rejected.length;
      // A hub that acknowledges nothing would loop forever; stop and let the next run try again.
      if (!reply.acked.length) throw new AppError('INTERNAL', '市局服务器没有确认收到任何变更，同步已停止，稍后再试');
    }
    for (;;) {
      const page = await transport.pull(
        this.cursor,
        MAX_PULL,
        this.node,
        this.db.read((r) => this.pendingCount(r)),
      );
      const applied = this.applyPage(page.rows, page.cursor, page.branch);
      result.pulled += page.rows.length;
      result.conflicts += applied.conflictsReceived;
      if (!page.more) break;
    }
    return result;
  }

  acknowledge(acked: readonly string[], rejected: readonly { id: string; reason: string }[], hubHlc: string | null): void {
    this.db.write(
      'sync.ack',
      (w) => {
        const byId = new Map(rejected.map((x) => [x.id, x.reason]));
        if (rejected.length) {
          const what = w
            .all<{ id: string; tbl: string; pk: string }>(`SELECT id, tbl, pk FROM sync_outbox WHERE id IN (SELECT value FROM json_each(?))`, [
              JSON.stringify(rejected.map((x) => x.id)),
            ])
            .map((x) => `市局拒收了 ${x.tbl} 记录 ${x.pk} 的修改：${byId.get(x.id) ?? ''}`);
          addProblems(w, this.now().toISOString(), what);
        }
        // Logged as runs of seq: the entries' rows were never logged, replay derives them with the same seqs.
        const seqs = w
          .all<{ seq: number }>('SELECT seq FROM sync_outbox WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(acked)])
          .map((x) => x.seq);
        if (seqs.length) this.db.derive('outbox.ack', [JSON.stringify(seqRuns(seqs))]);
        if (hubHlc) this.clock.recv(hubHlc);
        setSyncState(w, SYNC_KEYS.hlc, this.clock.current);
      },
      { fromHub: true },
    );
  }

  applyPage(rows: Parameters<typeof applyPulled>[1], cursor: number, branch?: { id: string; name: string }): ReturnType<typeof applyPulled> {
    const report = this.db.write(
      'sync.pull',
      (w) => {
        const token = getSyncState(w, SYNC_KEYS.token);
        const report = applyPulled(w, rows, this.clock, {
          accountKey: token ? accountKey(token) : null,
          restoring: getSyncState(w, SYNC_KEYS.restoring) === '1',
        });
        addProblems(w, this.now().toISOString(), report.problems);
        setSyncState(w, SYNC_KEYS.cursor, String(cursor));
        setSyncState(w, SYNC_KEYS.hlc, this.clock.current);
        if (branch) {
          setSyncState(w, SYNC_KEYS.branchId, branch.id);
          setSyncState(w, SYNC_KEYS.branchName, branch.name);
        }
        return report;
      },
      { fromHub: true, foreignKeys: false },
    );
    this.cursor = cursor;
    return report;
  }

  private capture(w: Writer, queue: boolean): void {
    if (!this.enabled) return;
    // Not for the hub, but waiting whole-row entries of the rows it changes must keep what they are to send.
    if (!queue) {
      this.db.derive('outbox.keep', []);
      return;
    }
    // A time the clock has issued is never issued again, even when this write turns out to send nothing.
    if (this.db.derive('outbox.capture2', [this.clock.send(), this.cursor]) > 0) setSyncState(w, SYNC_KEYS.hlc, this.clock.current);
  }
}

const parseFields = (json: string) => JSON.parse(json) as ChangeMessage['fields'];

/**
 * A whole-row entry's row as it is now, which is as it was when the entry was made: every later change put that
 * state into the entry first (derived.ts, WHOLE_ROW). A row gone without doing so can only have been removed
 * outside the app; the hub gets a delete for it rather than an entry that would wait for ever.
 */
function wholeRow(r: Reader, shapeOf: (tbl: string) => TableShape | null, tbl: string, pk: string): ChangeMessage['fields'] {
  const shape = shapeOf(tbl);
  if (!shape) return null;
  return r.get<Record<string, string | number | null>>(`SELECT * FROM ${quoteIdent(tbl)} WHERE ${quoteIdent(shape.pk)} = ?`, [pk]) ?? null;
}

/** Waiting outbox entries as the hub takes them, oldest first, account secrets sealed with the current token. */
function readOutbox(r: Reader, limit: number): ChangeMessage[] {
  const token = getSyncState(r, SYNC_KEYS.token);
  const rows = r.all<{ id: string; tbl: string; pk: string; fields: string | null; hlc: string; seen: number }>(
    'SELECT id, tbl, pk, fields, hlc, seen FROM sync_outbox ORDER BY seq LIMIT ?',
    [limit],
  );
  const shapeOf = tableShapes(r);
  const messages = rows.map((m) => ({
    ...m,
    fields: m.fields === null ? null : m.fields === WHOLE_ROW ? wholeRow(r, shapeOf, m.tbl, m.pk) : parseFields(m.fields),
  }));
  if (token) return sealMessages(accountKey(token), messages);
  // No token, nothing can be sealed: account rows stay home rather than leave in the clear.
  return messages.filter((m) => !(m.tbl in SEALED_FIELDS) || m.fields === null);
}
