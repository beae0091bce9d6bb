/**
 * The branch backend as one object: open the database, build the search index, dispatch contract calls.
 * Every host — Electron's worker, the browser-mode server, the CLI, tests — goes through call(), so input
 * parsing, role checks and error shaping are the same everywhere.
 */
import { contract, type OpName } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { log } from '../../shared/log';
import { AppError, toErrorPayload, type Envelope } from '../../shared/errors';
import { assertOpName, parseInput } from '../../shared/parseInput';
import { LocalDatabase, type OpenOptions } from '../db/localDatabase';
import type { CallContext } from '../services/context';
import { recomputeGrades } from '../services/grades';
import { assignMissingCodes, repairDuplicateCodes, watchMissingCodes } from '../services/customerCodes';
import { JobRegistry } from '../services/jobs';
import { Divisions } from '../divisions/divisions';
import { CustomerSearchIndex } from '../services/searchIndex';
import { createHandlers, type Handlers } from './handlers';
import { SessionStore } from '../auth/sessions';
import { LoginThrottle } from '../auth/loginThrottle';
import { maskIds, seesFullIds } from '../auth/masking';
import { idleMinutes } from '../services/settings';
import { SyncService } from '../sync/syncService';
import { SyncRunner } from '../sync/runner';
import { hasUsers } from '../auth/users';
import { BackupService } from '../backup/service';
import { RestoreService } from '../backup/restore';
import { UploadStore } from '../backup/uploads';
import { installImage } from '../backup/install';
import type { Timer } from '../backup/scheduler';
import type { BackupFs } from '../backup/write';

/** A trusted in-process caller (CLI, tests, benchmarks) names its actor and role directly. */
export interface Session {
  actor: string;
  role: Role;
}

/** A host (Electron main, browser-mode server) passes the session token it keeps for the page. */
export interface TokenCaller {
  token: string | null;
  /** Where the call comes from (Electron window, browser client address): log-in failures are also counted per source. */
  source?: string;
}

export type Caller = Session | TokenCaller;

const ANONYMOUS = { actor: '未登录', role: 'carrier' as Role };

export interface BackendOptions extends OpenOptions {
  version?: string;
  /** Folder of the shipped division resource; defaults to resources/divisions beside the code. */
  divisionsDir?: string;
  /** The clock sync stamps changes with (tests skew it to play a branch PC with a wrong date). */
  syncClock?: () => Date;
  /** Sync with the hub at its interval by itself (the app and browser mode; not the CLI or tests). */
  autoSync?: boolean;
  /** Make the scheduled backups by itself (the app and browser mode). */
  autoBackup?: boolean;
  /**
   * Leave the start-up grade recompute and the search index until just after the open (the app and browser
   * mode), so the log-in screen does not wait for them; the first call past the log-in screen finishes them.
   */
  deferStartup?: boolean;
  /** In-process only (tests): the scheduler's timer and the backup destination's file system. */
  backupTimer?: Timer;
  backupFs?: BackupFs;
}

/** Everything that belongs to one open database; a restore replaces it whole. */
interface Engine {
  db: LocalDatabase;
  handlers: Handlers;
  sessions: SessionStore;
  sync: SyncService;
  syncRunner: SyncRunner;
  backups: BackupService;
  /** Start-up work not done yet (deferStartup), or null. */
  startup: { run(): void; timer: NodeJS.Timeout } | null;
}

export class Backend {
  private engine!: Engine;

  private constructor(
    private readonly options: BackendOptions,
    readonly jobs: JobRegistry,
    private readonly divisions: Divisions,
    private readonly loginThrottle: LoginThrottle,
    private readonly now: () => Date,
  ) {}

  get db(): LocalDatabase {
    return this.engine.db;
  }

  get sync(): SyncService {
    return this.engine.sync;
  }

  get syncRunner(): SyncRunner {
    return this.engine.syncRunner;
  }

  get backups(): BackupService {
    return this.engine.backups;
  }

  private get handlers(): Handlers {
    return this.engine.handlers;
  }

  private get sessions(): SessionStore {
    return this.engine.sessions;
  }

  static async open(options: BackendOptions): Promise<Backend> {
    const b = new Backend(options, new JobRegistry(), new Divisions(options.divisionsDir), new LoginThrottle(), options.now ?? (() => new Date()));
    b.engine = await b.assemble(options);
    return b;
  }

  private async assemble(options: BackendOptions): Promise<Engine> {
    const db = await LocalDatabase.open(options);
    const index = new CustomerSearchIndex();
    db.onCommit((changes) => {
      // After an import the index reads the customers again, as soon as the worker is free rather than on the next search.
      if (!index.applyCommit(changes)) setTimeout(() => db.isClosed || db.read((r) => index.ensure(r)), 0);
    });
    const now = this.now;
    // Before any other write, so every change from here on reaches the outbox once sync is set up.
    const sync = SyncService.attach(db, options.syncClock ?? now, options.version);
    // Grades age with the calendar: recompute at start-up. Only changed rows are updated, and a write that
    // changes nothing appends nothing to the log, so one pass both checks and repairs.
    let done = false;
    const work = () => {
      if (done || db.isClosed) return;
      done = true;
      db.write('grades.startup', (w) => recomputeGrades(w, now()));
      db.read((r) => index.ensure(r));
    };
    let startup: Engine['startup'] = null;
    if (options.deferStartup) {
      // On the timer nobody waits for the answer: a failure is told to the console and the next call retries it.
      const later = () => {
        try {
          work();
        } catch (e) {
          done = false;
          log.error('start-up work failed', e);
        }
      };
      startup = { run: work, timer: setTimeout(later, 0) };
    } else work();
    // 客户编号 for customers from before codes existed, and a new one for the later of two that share a code;
    // customers that arrive without one later (an older PC's, a seed's) get theirs right after that commit.
    db.write('customers.codes', (w) => {
      assignMissingCodes(w);
      repairDuplicateCodes(w);
    });
    watchMissingCodes(db);
    const { jobs, divisions } = this;
    const sessions = new SessionStore();
    const syncRunner = new SyncRunner(db, sync, now);
    if (options.autoSync) syncRunner.start();
    const version = options.version ?? '0.0.0';
    const backups = new BackupService({ db, jobs, key: options.key, version, now, fs: options.backupFs, timer: options.backupTimer });
    if (options.autoBackup) backups.scheduler.start();
    const uploads = new UploadStore(db.dir);
    const restore = new RestoreService({
      db,
      key: options.key,
      now,
      uploads,
      backups,
      isSyncing: () => sync.isRunning,
      replace: (image) => this.replaceDatabase(image),
    });
    const backup = { service: backups, uploads, restore, mayRestore: (ctx: CallContext) => this.assertMayRestore(ctx) };
    const handlers = createHandlers({
      db,
      index,
      jobs,
      divisions,
      sessions,
      loginThrottle: this.loginThrottle,
      sync,
      syncRunner,
      key: options.key,
      version,
      backup,
    });
    return { db, handlers, sessions, sync, syncRunner, backups, startup };
  }

  /**
   * Swaps in a restored image: the old database is closed (final snapshot), the image installed as the folder's
   * next generation and everything that lives off the database (search index, sync state, sessions, scheduler)
   * built again. Should the restored folder not open, the previous image goes back in before the error is told.
   */
  private async replaceDatabase(image: Uint8Array): Promise<LocalDatabase> {
    const old = this.engine;
    if (old.startup) clearTimeout(old.startup.timer);
    const previous = old.db.exportImage();
    old.backups.stop();
    old.syncRunner.stop();
    await old.db.close();
    const reopen = { ...this.options, create: false };
    try {
      installImage(old.db.dir, image, this.options.key);
      this.engine = await this.assemble(reopen);
    } catch (e) {
      installImage(old.db.dir, previous, this.options.key);
      this.engine = await this.assemble(reopen);
      throw new AppError('DAMAGED', `恢复后无法打开数据库（${e instanceof Error ? e.message : String(e)}），已退回恢复前的数据`);
    }
    return this.engine.db;
  }

  /**
   * Upload, inspect and restore are public for the first-start wizard; once accounts exist only a signed-in
   * administrator (or a trusted in-process caller) may use them.
   */
  private assertMayRestore(ctx: CallContext): void {
    if (!this.db.read(hasUsers)) return;
    if (ctx.role === 'admin' && ctx.token === null && ctx.userId === null) return;
    const s = ctx.token ? this.sessions.resolve(ctx.token, ctx.now, this.db.read(idleMinutes)) : { state: 'none' as const };
    if (s.state === 'locked') throw new AppError('LOCKED', '屏幕已锁定，请输入密码继续');
    if (s.state !== 'ok' || s.user.role !== 'admin') throw new AppError('FORBIDDEN', '本机已有账号：只有管理员登录后才能从备份恢复（设置 → 数据备份）');
  }

  /**
   * Never throws: the envelope carries either the value or a Chinese error for the user. Role checks happen
   * here, before parsing or any handler, so a refused caller learns nothing from the data.
   */
  async call(name: string, input: unknown, caller: Caller): Promise<Envelope<unknown>> {
    try {
      const op = assertOpName(name);
      const now = this.now();
      const ctx = this.context(op, caller, now);
      if (!contract[op].public && !contract[op].roles.includes(ctx.role)) {
        throw new AppError('FORBIDDEN', '当前用户的角色无权执行此操作');
      }
      const parsed = parseInput(op, input);
      if (!contract[op].public) this.finishStartup();
      const handler = this.handlers[op] as (i: unknown, c: CallContext) => unknown;
      const value = await handler(parsed, ctx);
      return { ok: true, value: seesFullIds(ctx.role) || op === 'customers.revealId' ? value : maskIds(value) };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e) };
    }
  }

  private context(op: OpName, caller: Caller, now: Date): CallContext {
    if ('role' in caller) return { actor: caller.actor, role: caller.role, now, token: null, userId: null };
    const minutes = this.db.read(idleMinutes);
    const s = this.sessions.resolve(caller.token, now, minutes);
    const source = caller.source ?? 'unknown';
    if (s.state === 'ok') return { actor: s.user.login, role: s.user.role, now, token: caller.token, userId: s.user.userId, source };
    if (contract[op].public) {
      const who = s.state === 'locked' ? { actor: s.user.login, role: s.user.role } : ANONYMOUS;
      return { ...who, now, token: caller.token, userId: s.state === 'locked' ? s.user.userId : null, source };
    }
    if (s.state === 'locked') throw new AppError('LOCKED', `已超过 ${minutes} 分钟未操作，屏幕已锁定，请输入密码继续`);
    throw new AppError('UNAUTHENTICATED', '请先登录');
  }

  /** Runs the deferred start-up work now if its turn has not come yet. */
  private finishStartup(): void {
    const s = this.engine.startup;
    if (!s) return;
    this.engine.startup = null;
    clearTimeout(s.timer);
    s.run();
  }

  close(): Promise<void> {
    if (this.engine.startup) clearTimeout(this.engine.startup.timer);
    this.engine.backups.stop();
    this.syncRunner.stop();
    return this.db.close();
  }
}
