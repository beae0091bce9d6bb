/**
 * The branch's database: sql.js in memory, made durable by a change log plus periodic snapshots.
 *
 * Files in `dir` (generation g):
 *   snapshot-g.pbdb  the database image as of the moment changes-g.log was started
 *   changes-g.log    every transaction committed after that moment, fsynced before the caller hears "saved"
 * Opening loads the newest snapshot that verifies and replays the logs from its generation on. The previous
 * generation's snapshot and log are kept, so a damaged newest snapshot falls back without losing a change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { ArchiveStore } from '../archive/archiveStore';
import { AppError } from '../../shared/errors';
import { capturedCount, capturedRecordParts, clearCapture, committedView, installCaptureTriggers, type Committed, type StoredChange } from './capture';
import { ChangeLogWriter, readLog } from './changeLog';
import { makeReader, makeWriter, StatementCache, type Reader, type Writer } from './handles';
import { loadNewestGoodSnapshot, replayRecord } from './recovery';
import { migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations/index';
import { loadSqlJs, memfsName } from './sqlite';
import { newDatabase } from './imageRoom';
import { checkKey } from './cipher';
import { runDerived, type DerivedArgs, type DerivedOp, type DerivedStep } from './derived';
import { copyName, listGenerations, logName, snapshotName, writeSnapshotAsync, writeSnapshotSync } from './snapshotFile';

/** A change-log record as read back. Written by write() as JSON text with the rows spliced in. */
export interface LogRecord {
  v: 1;
  at: string;
  label: string;
  changes: StoredChange[];
  /** Derived writes (the sync outbox) and where among the changes they ran; replay runs them again. */
  derived?: DerivedStep[];
}

export interface OpenOptions {
  dir: string;
  /** Create an empty database when `dir` holds none. Never applies to a folder with damaged files. */
  create?: boolean;
  now?: () => Date;
  /** Snapshot this long after the first change not yet in a snapshot (ms). */
  snapshotDelayMs?: number;
  /** Snapshot as soon as the current log grows past this many bytes. */
  snapshotLogBytes?: number;
  migrations?: readonly Migration[];
  /** 32-byte key: snapshots and change-log records are encrypted with AES-256-GCM. */
  key?: Buffer;
}

export interface OpenReport {
  created: boolean;
  migrated: string[];
  replayedRecords: number;
  droppedTornBytes: number;
  /** Damaged snapshots moved aside, by their new names. */
  quarantined: string[];
}

/** Runs after a write committed, before the next can start; must not write (see Committed). */
export type CommitListener = (changes: Committed) => void;
/**
 * Runs inside every write's transaction that changed something, after `fn` and before the changes are logged;
 * the sync service uses it to derive the outbox (LocalDatabase.derive), which is logged as one step. `queue` is
 * false for writes the hub is not told about (fromHub, notSynced).
 */
export type ChangeHook = (w: Writer, queue: boolean) => void;

export interface WriteOptions {
  /** Changes that came from the hub: the hook queues nothing for them (`queue` false), so they are not sent back up. */
  fromHub?: boolean;
  /**
   * Changes this installation keeps to itself (moving campaigns into the yearly archive): logged like any write,
   * but the hook queues nothing for them, so the hub — which keeps every row — is not told to delete anything.
   */
  notSynced?: boolean;
  /** Rows pulled from the hub arrive in hub order, a child possibly before its parent; the hub holds both. */
  foreignKeys?: boolean;
}

export class LocalDatabase {
  private readonly cache: StatementCache;
  private readonly reader: Reader;
  private readonly writer: Writer;
  /** The yearly campaign archives beside this database (same folder, same key). */
  readonly archives: ArchiveStore;
  private log: ChangeLogWriter;
  private timer: NodeJS.Timeout | undefined;
  private snapshotting: Promise<void> | undefined;
  private dirty = false;
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }
  private readonly listeners = new Set<CommitListener>();
  private hook: ChangeHook | undefined;
  /** The current write's derived steps; undefined outside a write. */
  private steps: DerivedStep[] | undefined;

  private constructor(
    SQL: SqlJsStatic,
    private readonly db: Database,
    readonly dir: string,
    private gen: number,
    private readonly key: Buffer | undefined,
    private readonly opts: Required<Pick<OpenOptions, 'now' | 'snapshotDelayMs' | 'snapshotLogBytes'>>,
    readonly report: OpenReport,
  ) {
    this.cache = new StatementCache(db, SQL);
    this.archives = new ArchiveStore(dir, key, SQL);
    const archive = (year: number) => this.archives.reader(year);
    this.reader = makeReader(this.cache, archive);
    this.writer = makeWriter(db, this.cache, archive);
    this.log = new ChangeLogWriter(path.join(dir, logName(gen)), key);
  }

  static async open(options: OpenOptions): Promise<LocalDatabase> {
    const SQL = await loadSqlJs();
    const now = options.now ?? (() => new Date());
    const migrations = options.migrations ?? MIGRATIONS;
    const dir = options.dir;
    if (!fs.existsSync(dir)) {
      if (!options.create) throw new AppError('NOT_FOUND', `数据目录不存在：${dir}`);
      fs.mkdirSync(dir, { recursive: true });
    }
    if (!fs.statSync(dir).isDirectory()) throw new AppError('VALIDATION', `数据路径不是文件夹：${dir}`);

    const report: OpenReport = { created: false, migrated: [], replayedRecords: 0, droppedTornBytes: 0, quarantined: [] };
    const key = options.key;
    checkKey(dir, key);
    const gens = listGenerations(dir);
    let db: Database;
    let gen: number;

    if (gens.images.length === 0) {
      if (gens.logs.length > 0) {
        throw new AppError('DAMAGED', `数据目录 ${dir} 中有变更日志但没有任何数据库快照，无法安全打开。文件已原样保留，请联系管理员。`);
      }
      if (!options.create) throw new AppError('NOT_FOUND', `${dir} 中没有数据库，请先初始化`);
      db = newDatabase(SQL);
      gen = 0;
      report.created = true;
    } else {
      const loaded = await loadNewestGoodSnapshot(dir, gens, SQL, now, report, key);
      db = loaded.db;
      gen = loaded.gen;
      const lastGen = Math.max(gens.images.at(-1)!, gens.logs.at(-1) ?? 0);
      for (let g = gen; g <= lastGen; g++) {
        const file = path.join(dir, logName(g));
        if (!fs.existsSync(file)) {
          db.close();
          throw new AppError('DAMAGED', `变更日志 ${logName(g)} 缺失，打开会丢失数据，已停止。文件已原样保留，请联系管理员。`);
        }
        // Only the newest log can have a torn tail; an older one was complete when it was rotated.
        let read: ReturnType<typeof readLog<LogRecord>>;
        try {
          read = readLog<LogRecord>(file, g === lastGen, key);
        } catch (e) {
          db.close();
          throw e;
        }
        const { records, droppedBytes } = read;
        if (droppedBytes > 0 && g !== lastGen) {
          db.close();
          throw new AppError('DAMAGED', `变更日志 ${logName(g)} 中间损坏，已停止打开以免丢失数据。文件已原样保留，请联系管理员。`);
        }
        report.droppedTornBytes += droppedBytes;
        db.exec('BEGIN');
        try {
          // The outbox is derived from what the capture triggers see (and its steps flag themselves to them), so
          // replaying a step needs them; they are installed again for the schema after migration below.
          if (records.some((r) => r.derived?.length)) installCaptureTriggers(db);
          for (const r of records) replayRecord(db, r);
          db.exec('COMMIT');
        } catch (e) {
          db.exec('ROLLBACK');
          db.close();
          throw new AppError('DAMAGED', `重放变更日志 ${logName(g)} 失败：${e instanceof Error ? e.message : String(e)}`);
        }
        report.replayedRecords += records.length;
      }
      gen = lastGen;
    }

    db.exec('PRAGMA foreign_keys = ON');
    // The image lives in sql.js's in-memory file system; durability comes from our change log, not SQLite's.
    // A rollback journal in that file system costs a JS-side copy of every touched page; SQLite's own heap
    // journal still supports ROLLBACK at a fraction of the cost.
    db.exec('PRAGMA journal_mode = MEMORY');
    db.exec('PRAGMA temp_store = MEMORY');
    report.migrated = migrate(db, migrations, now);
    const needsSnapshot = report.created || report.migrated.length > 0 || report.quarantined.length > 0;
    installCaptureTriggers(db);
    if (needsSnapshot) {
      // A fresh generation, written before any write is accepted, so no log ever mixes two schema versions
      // and a fallback never needs a quarantined file.
      gen += 1;
      const image = db.export();
      writeSnapshotSync(dir, gen, image, key);
      // After a migration the previous generation, kept as the fallback, would be the old schema — and falling
      // back to it would replay this generation's log, written at the new one, into it. A second snapshot of
      // the same image makes both kept generations the new schema (once per upgrade).
      if (report.migrated.length > 0) {
        // The first of the two generations gets its (empty) log, as every generation a fallback replays must.
        new ChangeLogWriter(path.join(dir, logName(gen)), key).close();
        gen += 1;
        writeSnapshotSync(dir, gen, image, key);
      }
    }
    const ldb = new LocalDatabase(
      SQL,
      db,
      dir,
      gen,
      key,
      {
        now,
        snapshotDelayMs: options.snapshotDelayMs ?? 30_000,
        snapshotLogBytes: options.snapshotLogBytes ?? 16 * 1024 * 1024,
      },
      report,
    );
    if (needsSnapshot) ldb.prune();
    else if (report.replayedRecords > 0) ldb.scheduleSnapshot();
    return ldb;
  }

  read<T>(fn: (r: Reader) => T): T {
    this.assertOpen();
    return fn(this.reader);
  }

  /**
   * Runs `fn` in one transaction. Returns only after the captured changes are appended and fsynced; if that
   * fails the transaction is rolled back, so memory never holds a change the disk does not.
   */
  write<T>(label: string, fn: (w: Writer) => T, options: WriteOptions = {}): T {
    this.assertOpen();
    const fkOff = options.foreignKeys === false;
    if (fkOff) this.db.exec('PRAGMA foreign_keys = OFF');
    try {
      return this.writeTx(label, fn, options);
    } finally {
      if (fkOff) this.db.exec('PRAGMA foreign_keys = ON');
    }
  }

  private writeTx<T>(label: string, fn: (w: Writer) => T, options: WriteOptions): T {
    this.db.exec('BEGIN');
    let result: T;
    let changed: boolean;
    const steps: DerivedStep[] = (this.steps = []);
    try {
      result = fn(this.writer);
      const captured = capturedCount(this.db);
      if (this.hook && captured > 0) this.hook(this.writer, !options.fromHub && !options.notSynced);
      changed = captured > 0 || steps.length > 0;
      if (changed) {
        const derived = steps.length ? `,"derived":${JSON.stringify(steps)}` : '';
        const head = `{"v":1,"at":${JSON.stringify(this.opts.now().toISOString())},"label":${JSON.stringify(label)},"changes":`;
        try {
          this.log.append([head, ...capturedRecordParts(this.db, this.cache), `${derived}}`]);
        } catch (e) {
          // One record must fit in one buffer (2 GB in Node): far beyond any import a branch does.
          if (e instanceof RangeError) throw new AppError('VALIDATION', `一次修改的数据过多（${captured} 行），未保存任何数据；请分批处理。`);
          throw new AppError('STORAGE', `保存失败，数据未写入磁盘（${e instanceof Error ? e.message : String(e)}）。请检查磁盘空间后重试。`);
        }
      }
      this.db.exec('COMMIT');
    } catch (e) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // No transaction left to roll back (COMMIT itself failed and SQLite already ended it).
      }
      throw e;
    } finally {
      this.steps = undefined;
    }
    if (changed) {
      this.dirty = true;
      try {
        // The listeners read what they need of the captured rows, which stay until they are done.
        const committed = committedView(this.db);
        for (const l of this.listeners) l(committed);
      } finally {
        clearCapture(this.db);
      }
      // A full log calls for a snapshot at once, but after this write has answered: copying the image out is
      // not part of making the write durable (the log already is), and after an import it took 0.4 s.
      this.scheduleSnapshot(this.log.size >= this.opts.snapshotLogBytes);
    }
    return result;
  }

  /**
   * Runs a derived write (backend/db/derived.ts) inside the current write and records it in the write's log
   * record instead of the rows it makes; returns the rows it wrote. A step that wrote nothing is not recorded.
   */
  derive(op: DerivedOp, args: DerivedArgs): number {
    if (!this.steps) throw new AppError('INTERNAL', '派生写入只能在写事务中进行');
    const at = capturedCount(this.db);
    const n = runDerived(this.db, op, args);
    if (n > 0) this.steps.push([op, at, args]);
    return n;
  }

  /** One hook at a time: the sync outbox. */
  setChangeHook(hook: ChangeHook | undefined): void {
    this.hook = hook;
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The whole image as of now, for a backup: write() is synchronous, so no transaction is ever half done here. */
  exportImage(): Uint8Array {
    this.assertOpen();
    return this.db.export();
  }

  get generation(): number {
    return this.gen;
  }

  /** The database image's size now (pages in use and free ones alike). */
  get imageBytes(): number {
    const r = this.db.exec('PRAGMA page_count; PRAGMA page_size');
    return Number(r[0]?.values[0]?.[0] ?? 0) * Number(r[1]?.values[0]?.[0] ?? 0);
  }

  get logBytes(): number {
    return this.log.size;
  }

  get pendingLogRecords(): number {
    return this.log.appended;
  }

  /** Writes a snapshot now (awaiting one already under way first). */
  async snapshot(): Promise<void> {
    if (this.snapshotting) await this.snapshotting;
    if (!this.dirty || this.closed) return;
    this.snapshotting = this.doSnapshot().finally(() => {
      this.snapshotting = undefined;
    });
    return this.snapshotting;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    await this.snapshot();
    this.closed = true;
    this.log.close();
    this.cache.clear();
    this.archives.closeAll();
    this.db.close();
  }

  /** Closes without a final snapshot: what a crash leaves behind (for tests). */
  abandon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.closed = true;
    this.log.close();
    this.cache.clear();
    this.archives.closeAll();
    this.db.close();
  }

  /**
   * Runs `fn` in one transaction with `other` (a database of the same sql.js module) attached as `arc`, for copying
   * rows into it inside SQLite. Nothing of this database may change: the capture triggers would see it but no log
   * record would hold it, so a change here rolls the whole transaction back.
   */
  copyInto(other: Database, fn: (w: Writer) => void): void {
    this.assertOpen();
    this.db.exec('PRAGMA foreign_keys = OFF');
    this.db.run('ATTACH ? AS arc', [memfsName(other)]);
    try {
      this.db.exec('BEGIN');
      try {
        fn(this.writer);
        if (capturedCount(this.db) > 0) throw new AppError('INTERNAL', '复制到归档时改动了工作数据库，已撤销');
        this.db.exec('COMMIT');
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      this.cache.clear();
      this.db.exec('DETACH arc');
      this.db.exec('PRAGMA foreign_keys = ON');
    }
  }

  /**
   * Gives the pages of deleted rows back (SQLite keeps them in the image otherwise) and snapshots at once: VACUUM
   * may renumber rowids, and the outbox's first-sync step orders by them, so the snapshot starts a new log at
   * once (its image is exported before anything else can run).
   */
  async compact(): Promise<void> {
    this.assertOpen();
    while (this.snapshotting) await this.snapshotting;
    this.cache.clear();
    this.db.exec('VACUUM');
    this.dirty = true;
    await this.snapshot();
  }

  private async doSnapshot(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // export() must run between transactions; write() is synchronous, so here none is open.
    const image = this.db.export();
    const next = this.gen + 1;
    // What keeping the generation this snapshot supersedes costs on disk (its snapshot and its log).
    const supersededBytes = this.log.size + fileSize(path.join(this.dir, snapshotName(this.gen)));
    // Later writes go to the next generation's log; this image already holds everything in the current one.
    const nextLog = new ChangeLogWriter(path.join(this.dir, logName(next)), this.key);
    this.log.close();
    this.log = nextLog;
    this.gen = next;
    this.dirty = false;
    await writeSnapshotAsync(this.dir, next, image, this.key);
    // After a big write its log can be several times the image (each row as JSON with its column names). The
    // fallback for a damaged newest snapshot is then cheaper as a second copy of it than as that log, and the
    // folder stays within 2.5 × the image (with the previous generation it would hold more).
    if (supersededBytes > 1.5 * image.length) await writeSnapshotAsync(this.dir, next, image, this.key, copyName(next));
    this.prune();
  }

  private scheduleSnapshot(now = false): void {
    if (this.closed) return;
    if (this.timer) {
      if (!now) return;
      clearTimeout(this.timer);
    }
    this.dirty = true;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.snapshot().catch(() => {
          // The log still holds every change; the next attempt will try again.
          this.scheduleSnapshot();
        });
      },
      now ? 0 : this.opts.snapshotDelayMs,
    );
    this.timer.unref();
  }

  /**
   * Keeps the current generation and one fallback for a damaged newest snapshot: a copy of the current snapshot,
   * or else the newest older generation that still has an image (a snapshot moved aside as damaged is none), with
   * every log from it on. Older generations, and copies whose snapshot is there, are covered by those.
   */
  private prune(): void {
    const { snapshots, logs, copies, images } = listGenerations(this.dir);
    const keepFrom = copies.includes(this.gen) ? this.gen : (images.filter((g) => g < this.gen).at(-1) ?? this.gen);
    for (const g of snapshots) if (g < keepFrom) fs.rmSync(path.join(this.dir, snapshotName(g)), { force: true });
    for (const g of logs) if (g < keepFrom) fs.rmSync(path.join(this.dir, logName(g)), { force: true });
    for (const g of copies) {
      if (g < keepFrom || (g < this.gen && snapshots.includes(g))) fs.rmSync(path.join(this.dir, copyName(g)), { force: true });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('INTERNAL', '数据库已关闭');
  }
}

const fileSize = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0);
