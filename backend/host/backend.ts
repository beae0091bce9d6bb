/**
 * The branch backend as one object: open the database, build the search index, dispatch contract calls.
 * Every host — Electron's worker, the browser-mode server, the CLI, tests — goes through call(), so input
 * parsing, role checks and error shaping are the same everywhere.
 */
import { contract, type OpName } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { AppError, toErrorPayload, type Envelope } from '../../shared/errors';
import { assertOpName, parseInput } from '../../shared/parseInput';
import { LocalDatabase, type OpenOptions } from '../db/localDatabase';
import type { CallContext } from '../services/context';
import { recomputeGrades } from '../services/grades';
import { JobRegistry } from '../services/jobs';
import { Divisions } from '../divisions/divisions';
import { CustomerSearchIndex } from '../services/searchIndex';
import { createHandlers, type Handlers } from './handlers';
import { SessionStore } from '../auth/sessions';
import { FULL_ID_ROLES, maskIds } from '../auth/masking';
import { idleMinutes } from '../services/settings';
import { SyncService } from '../sync/syncService';
import { SyncRunner } from '../sync/runner';

/** A trusted in-process caller (CLI, tests, benchmarks) names its actor and role directly. */
export interface Session {
  actor: string;
  role: Role;
}

/** A host (Electron main, browser-mode server) passes the session token it keeps for the page. */
export interface TokenCaller {
  token: string | null;
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
}

export class Backend {
  private constructor(
    readonly db: LocalDatabase,
    private readonly handlers: Handlers,
    readonly jobs: JobRegistry,
    private readonly sessions: SessionStore,
    private readonly now: () => Date,
    readonly sync: SyncService,
    readonly syncRunner: SyncRunner,
  ) {}

  static async open(options: BackendOptions): Promise<Backend> {
    const db = await LocalDatabase.open(options);
    const index = new CustomerSearchIndex();
    db.read((r) => index.load(r));
    db.onCommit((changes) => index.apply(changes));
    const now = options.now ?? (() => new Date());
    // Before any other write, so every change from here on reaches the outbox once sync is set up.
    const sync = SyncService.attach(db, options.syncClock ?? now);
    // Grades age with the calendar: recompute at start-up. Only changed rows are updated, and a write that
    // changes nothing appends nothing to the log, so one pass both checks and repairs.
    db.write('grades.startup', (w) => recomputeGrades(w, now()));
    const jobs = new JobRegistry();
    const divisions = new Divisions(options.divisionsDir);
    const sessions = new SessionStore();
    const syncRunner = new SyncRunner(db, sync, now);
    if (options.autoSync) syncRunner.start();
    const handlers = createHandlers({ db, index, jobs, divisions, sessions, sync, syncRunner, key: options.key, version: options.version ?? '0.0.0' });
    return new Backend(db, handlers, jobs, sessions, now, sync, syncRunner);
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
      const handler = this.handlers[op] as (i: unknown, c: CallContext) => unknown;
      const value = await handler(parsed, ctx);
      return { ok: true, value: FULL_ID_ROLES.includes(ctx.role) || op === 'customers.revealId' ? value : maskIds(value) };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e) };
    }
  }

  private context(op: OpName, caller: Caller, now: Date): CallContext {
    if ('role' in caller) return { actor: caller.actor, role: caller.role, now, token: null, userId: null };
    const minutes = this.db.read(idleMinutes);
    const s = this.sessions.resolve(caller.token, now, minutes);
    if (s.state === 'ok') return { actor: s.user.login, role: s.user.role, now, token: caller.token, userId: s.user.userId };
    if (contract[op].public) {
      const who = s.state === 'locked' ? { actor: s.user.login, role: s.user.role } : ANONYMOUS;
      return { ...who, now, token: caller.token, userId: s.state === 'locked' ? s.user.userId : null };
    }
    if (s.state === 'locked') throw new AppError('LOCKED', `已超过 ${minutes} 分钟未操作，屏幕已锁定，请输入密码继续`);
    throw new AppError('UNAUTHENTICATED', '请先登录');
  }

  close(): Promise<void> {
    this.syncRunner.stop();
    return this.db.close();
  }
}
