/**
 * The branch backend as one object: open the database, build the search index, dispatch contract calls.
 * Every host — Electron's worker, the browser-mode server, the CLI, tests — goes through call(), so input
 * parsing, role checks and error shaping are the same everywhere.
 */
import { contract } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { AppError, toErrorPayload, type Envelope } from '../../shared/errors';
import { assertOpName, parseInput } from '../../shared/parseInput';
import { LocalDatabase, type OpenOptions } from '../db/localDatabase';
import type { CallContext } from '../services/context';
import { gradesStale, recomputeGrades } from '../services/grades';
import { JobRegistry } from '../services/jobs';
import { Divisions } from '../divisions/divisions';
import { CustomerSearchIndex } from '../services/searchIndex';
import { createHandlers, type Handlers } from './handlers';

export interface Session {
  actor: string;
  role: Role;
}

export interface BackendOptions extends OpenOptions {
  version?: string;
  /** Folder of the shipped division resource; defaults to resources/divisions beside the code. */
  divisionsDir?: string;
}

export class Backend {
  private constructor(
    readonly db: LocalDatabase,
    private readonly handlers: Handlers,
    readonly jobs: JobRegistry,
    private readonly now: () => Date,
  ) {}

  static async open(options: BackendOptions): Promise<Backend> {
    const db = await LocalDatabase.open(options);
    const index = new CustomerSearchIndex();
    db.read((r) => index.load(r));
    db.onCommit((changes) => index.apply(changes));
    const now = options.now ?? (() => new Date());
    // Grades age with the calendar: recompute at start-up, writing only when some grade actually changed.
    if (db.read((r) => gradesStale(r, now()))) db.write('grades.startup', (w) => recomputeGrades(w, now()));
    const jobs = new JobRegistry();
    const divisions = new Divisions(options.divisionsDir);
    const handlers = createHandlers({ db, index, jobs, divisions, version: options.version ?? '0.0.0' });
    return new Backend(db, handlers, jobs, now);
  }

  /** Never throws: the envelope carries either the value or a Chinese error for the user. */
  async call(name: string, input: unknown, session: Session): Promise<Envelope<unknown>> {
    try {
      const op = assertOpName(name);
      if (!contract[op].roles.includes(session.role)) {
        throw new AppError('FORBIDDEN', '当前用户的角色无权执行此操作');
      }
      const parsed = parseInput(op, input);
      const ctx: CallContext = { actor: session.actor, role: session.role, now: this.now() };
      const handler = this.handlers[op] as (i: unknown, c: CallContext) => unknown;
      return { ok: true, value: await handler(parsed, ctx) };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e) };
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
