/**
 * Backups of one open database: settings, 立即备份 and scheduled backups as jobs, the list of backups at the
 * destination. The image is exported between transactions in the database worker and sealed and written in
 * parts, so the screen keeps answering and nothing typed meanwhile is lost (it is simply not in this backup).
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupFileName, type BackupConfig, type BackupOutcome, type BackupStatus } from '../../shared/backup';
import { AppError } from '../../shared/errors';
import type { Role } from '../../shared/domain';
import { audit } from '../auth/audit';
import { verifyPassword } from '../auth/passwords';
import type { LocalDatabase } from '../db/localDatabase';
import type { CallContext } from '../services/context';
import type { JobControl, JobRegistry } from '../services/jobs';
import { createBackup, type BackupMeta } from './create';
import type { BackupBody } from './format';
import { listBackups, rotate } from './files';
import { KEEP_SAFETY, safetyDir } from './install';
import { derivePasswordKey, type PasswordKey, type SealWith } from './keys';
import { BackupScheduler, nextDue, type Timer } from './scheduler';
import { branchIdentity, readConfig, readLast, readPasswordKey, recordOutcome, writeConfig } from './state';
import { checkDestination, destinationError, nodeBackupFs, type BackupFs } from './write';

export interface BackupEnv {
  db: LocalDatabase;
  jobs: JobRegistry;
  key: Buffer | undefined;
  version: string;
  now: () => Date;
  fs?: BackupFs | undefined;
  timer?: Timer | undefined;
}

export interface ConfigureInput {
  destination: string;
  intervalHours: number;
  keepDaily: number;
  keepWeekly: number;
  password?: string | undefined;
}

const SCHEDULED = { actor: '自动备份', role: 'admin' as Role };

export class BackupService {
  private running: { id: string; done: Promise<unknown> } | null = null;
  private paused = false;
  readonly scheduler: BackupScheduler;

  constructor(private readonly env: BackupEnv) {
    this.scheduler = new BackupScheduler(() => this.runIfDue(), env.timer);
  }

  private get fsx(): BackupFs {
    return this.env.fs ?? nodeBackupFs;
  }

  config(): BackupConfig {
    return this.env.db.read((r) => readConfig(r, this.env.key !== undefined));
  }

  /** The id of the backup job under way, if any. */
  get runningJobId(): string | null {
    return this.running?.id ?? null;
  }

  async status(): Promise<BackupStatus> {
    const config = this.config();
    const { last, lastSuccessAt } = this.env.db.read(readLast);
    const own = this.env.db.read(branchIdentity);
    let files: BackupStatus['files'] = [];
    let filesError: string | null = null;
    if (config.destination) {
      try {
        files = await listBackups(config.destination, own);
      } catch (e) {
        filesError = e instanceof Error ? e.message : String(e);
      }
    }
    const safetyCopies = await listBackups(safetyDir(this.env.db.dir), own).catch(() => []);
    const due = nextDue(config, last, lastSuccessAt, this.env.now());
    return { config, last, lastSuccessAt, nextDueAt: due?.toISOString() ?? null, runningJobId: this.runningJobId, files, filesError, safetyCopies };
  }

  async configure(input: ConfigureInput, ctx: CallContext): Promise<BackupStatus> {
    await this.checkWritable(input.destination);
    const existing = this.env.db.read(readPasswordKey);
    let passwordKey: PasswordKey | undefined;
    if (input.password) passwordKey = derivePasswordKey(this.adminFor(input.password, ctx), input.password, ctx.now);
    else if (!existing) {
      throw new AppError('VALIDATION', '请输入您的登录密码：备份用它加密，在新电脑上恢复时凭它打开', [
        { field: 'password', message: '首次设置备份时请输入您的登录密码' },
      ]);
    }
    const { password: _password, ...settings } = input;
    this.env.db.write('backup.configure', (w) => {
      writeConfig(w, settings, passwordKey);
      audit(w, ctx, 'backup.configure', 'backup', [], { ...settings, passwordSet: passwordKey !== undefined });
    });
    return this.status();
  }

  /** 立即备份 (or a scheduled one): joins a backup already under way. */
  start(trigger: BackupOutcome['trigger'], who: Pick<CallContext, 'actor' | 'role'> = SCHEDULED): string {
    if (this.running) return this.running.id;
    if (this.paused) throw new AppError('CONFLICT', '正在恢复数据，请稍后再备份');
    if (!this.config().destination) throw new AppError('VALIDATION', '尚未设置备份位置：请先在 数据备份 中选择备份文件夹并保存');
    let done: Promise<unknown> = Promise.resolve();
    const id = this.env.jobs.start('backup', (ctl) => {
      done = this.run(trigger, who, ctl);
      return done;
    });
    const entry = { id, done };
    this.running = entry;
    void done
      .catch(() => undefined)
      .finally(() => {
        if (this.running === entry) this.running = null;
      });
    return id;
  }

  /** The scheduler's question, every minute. */
  runIfDue(): void {
    if (this.running || this.paused) return;
    const config = this.config();
    const { last, lastSuccessAt } = this.env.db.read(readLast);
    const due = nextDue(config, last, lastSuccessAt, this.env.now());
    if (due && due.getTime() <= this.env.now().getTime()) this.start('scheduled');
  }

  /** Stops new backups (a restore is under way); returns false when one is running. */
  pause(): boolean {
    if (this.running) return false;
    this.paused = true;
    this.scheduler.stop();
    return true;
  }

  resume(): void {
    this.paused = false;
  }

  stop(): void {
    this.paused = true;
    this.scheduler.stop();
  }

  /** What seals this installation's backups: its data key and the administrator's password key. */
  sealWith(): SealWith {
    return { dataKey: this.env.key, passwordKey: this.env.db.read(readPasswordKey) };
  }

  meta(at: Date): BackupMeta {
    return this.env.db.read((r) => ({
      createdAt: at,
      appVersion: this.env.version,
      schema: String(r.value('SELECT id FROM _migrations ORDER BY seq DESC LIMIT 1') ?? ''),
      branch: branchIdentity(r),
    }));
  }

  /** The working image and the yearly archives: a backup restores the campaigns moved out of it too. */
  private body(): BackupBody {
    return { image: this.env.db.exportImage(), archives: this.env.db.archives.images() };
  }

  /** A sealed copy of the current data in the data folder, made before a restore replaces it. */
  async safetyCopy(seal: SealWith): Promise<string> {
    const dir = safetyDir(this.env.db.dir);
    fs.mkdirSync(dir, { recursive: true });
    const at = this.env.now();
    const meta = this.meta(at);
    const name = backupFileName(meta.branch.name ?? '网点', at, '恢复前');
    const idle = { progress: () => undefined, checkpoint: async () => undefined };
    const made = await createBackup(this.body(), meta, seal, dir, name, idle, this.fsx);
    await rotate(dir, meta.branch, KEEP_SAFETY, 0, made.path).catch(() => 0);
    return made.path;
  }

  private async run(trigger: BackupOutcome['trigger'], who: Pick<CallContext, 'actor' | 'role'>, ctl: JobControl): Promise<BackupOutcome> {
    const config = this.config();
    return this.backupTo({ dest: config.destination!, trigger, who, ctl, keep: config });
  }

  /**
   * One backup into `dest` (named by branch and time unless `name` is given), rotated when `keep` says how,
   * its outcome recorded and audited either way.
   */
  async backupTo(o: {
    dest: string;
    name?: string;
    seal?: SealWith;
    trigger: BackupOutcome['trigger'];
    who: Pick<CallContext, 'actor' | 'role'>;
    ctl: Pick<JobControl, 'progress' | 'checkpoint'>;
    keep?: Pick<BackupConfig, 'keepDaily' | 'keepWeekly'>;
  }): Promise<BackupOutcome> {
    const at = this.env.now();
    const meta = this.meta(at);
    let outcome: BackupOutcome;
    try {
      o.ctl.progress(0, 0, '导出数据库');
      await o.ctl.checkpoint();
      const body = this.body();
      const name = o.name ?? backupFileName(meta.branch.name ?? '网点', at);
      const made = await createBackup(
        body,
        meta,
        o.seal ?? this.sealWith(),
        o.dest,
        name,
        { progress: (d, t, p) => o.ctl.progress(d, t, p), checkpoint: () => o.ctl.checkpoint() },
        this.fsx,
      );
      o.ctl.progress(0, 0, '清理旧备份');
      const removed = o.keep ? await rotate(o.dest, meta.branch, o.keep.keepDaily, o.keep.keepWeekly, made.path).catch(() => 0) : 0;
      outcome = { at: at.toISOString(), ok: true, trigger: o.trigger, file: made.path, bytes: made.bytes, message: null, removed };
    } catch (e) {
      const err = destinationError(o.dest, e);
      outcome = { at: at.toISOString(), ok: false, trigger: o.trigger, file: null, bytes: null, message: err.message, removed: 0 };
      this.record(outcome, o.who);
      throw err;
    }
    this.record(outcome, o.who);
    return outcome;
  }

  private record(o: BackupOutcome, who: Pick<CallContext, 'actor' | 'role'>): void {
    try {
      this.env.db.write('backup.outcome', (w) => {
        recordOutcome(w, o);
        audit(w, { ...who, now: this.env.now() }, o.ok ? 'backup.create' : 'backup.failed', 'backup', [], {
          file: o.file ? path.basename(o.file) : null,
          bytes: o.bytes,
          trigger: o.trigger,
          message: o.message,
        });
      });
    } catch {
      // The database closed under the job (a restore or quit): the file on disk is what matters.
    }
  }

  private async checkWritable(dest: string): Promise<void> {
    await checkDestination(dest, 0, this.fsx);
    const probe = path.join(dest, `.pbbak-probe-${process.pid}-${Date.now()}`);
    try {
      const h = await this.fsx.create(probe);
      await h.close();
    } catch (e) {
      throw destinationError(dest, e);
    } finally {
      await this.fsx.remove(probe).catch(() => undefined);
    }
  }

  /** Whose password seals the backups: the caller's own account (an in-process caller: any administrator's). */
  private adminFor(password: string, ctx: CallContext): string {
    const admins = this.env.db.read((r) =>
      r.all<{ id: string; login: string; password_hash: string }>("SELECT id, login, password_hash FROM users WHERE role = 'admin' AND disabled_at IS NULL"),
    );
    const candidates = ctx.userId ? admins.filter((a) => a.id === ctx.userId) : admins;
    const hit = candidates.find((a) => verifyPassword(password, a.password_hash));
    if (!hit) throw new AppError('VALIDATION', '登录密码不正确', [{ field: 'password', message: '密码不正确（请输入您登录本程序的密码）' }]);
    return hit.login;
  }
}
