/**
 * Restoring from a backup. Inspect first: the file is checked (complete, digest, every chunk authenticated,
 * opens as a database, migrated to this program's schema) and compared with the current data, which yields
 * the sentence of what will be lost and a token. The restore repeats all of it and proceeds only when the token
 * still matches — so what the person confirmed is exactly what happens — then keeps the current data aside as a
 * sealed safety copy and swaps the database.
 */
import crypto from 'node:crypto';
import type { BackupInspection, RestoreResult, RestoreSource } from '../../shared/backup';
import { AppError } from '../../shared/errors';
import { audit } from '../auth/audit';
import { hasUsers } from '../auth/users';
import type { LocalDatabase } from '../db/localDatabase';
import type { CallContext } from '../services/context';
import { compareDatabases, noLoss } from './compare';
import { assertComplete, checkDigest, openBody, readHeader, splitBody, type HeaderRead } from './format';
import { contentsOf, openImage, type OpenImage } from './image';
import { derivePasswordKey, parseKeyText, unlock, type SealWith } from './keys';
import type { BackupService } from './service';
import { belongsToBranch, bookkeeping, branchIdentity, readConfig, readPasswordKey, sameBranch } from './state';
import type { UploadStore } from './uploads';

export interface RestoreInput {
  source: RestoreSource;
  password?: string | undefined;
  key?: string | undefined;
}

export interface RestoreEnv {
  db: LocalDatabase;
  key: Buffer | undefined;
  now: () => Date;
  uploads: UploadStore;
  backups: BackupService;
  isSyncing: () => boolean;
  /** Closes the database, installs the image, opens it again. */
  replace: (image: Uint8Array) => Promise<LocalDatabase>;
}

interface Opened {
  file: string;
  read: HeaderRead;
  image: OpenImage;
  /** The yearly campaign archives the backup carries. */
  archives: { year: number; image: Uint8Array }[];
  used: { userKey?: Buffer | undefined; password?: string | undefined; passwordLogin: string | null };
}

const TOKEN_SECRET = crypto.randomBytes(32);

export class RestoreService {
  constructor(private readonly env: RestoreEnv) {}

  async inspect(input: RestoreInput): Promise<BackupInspection> {
    const opened = await this.open(input);
    if ('state' in opened) return opened;
    try {
      return { state: 'ready', fileName: fileName(opened.file), ...this.judge(opened) };
    } finally {
      opened.image.close();
    }
  }

  async restore(input: RestoreInput & { confirmToken: string }, ctx: CallContext): Promise<RestoreResult> {
    const opened = await this.open(input);
    if ('state' in opened) {
      throw new AppError(
        'VALIDATION',
        opened.wrong === 'password'
          ? '密码不正确，无法打开备份'
          : opened.wrong === 'key'
            ? '恢复密钥不正确，无法打开备份'
            : '需要密码或恢复密钥才能打开这个备份',
      );
    }
    let image: Uint8Array;
    let judged: ReturnType<RestoreService['judge']>;
    try {
      judged = this.judge(opened);
      if (judged.refusal) throw new AppError('FORBIDDEN', judged.refusal);
      if (judged.confirmToken !== input.confirmToken) throw new AppError('CONFLICT', '本机数据或备份文件在检查之后有了变化，请重新检查备份并确认');
      if (this.env.isSyncing()) throw new AppError('CONFLICT', '正在与市局同步，请等同步结束后再恢复');
      // This PC keeps backing up where it did (and reports its own last backup), whatever the backup says.
      const carried = this.env.db.read((r) => (readConfig(r, false).destination ? bookkeeping(r) : null));
      if (carried) opened.image.carry(carried);
      image = opened.image.export();
    } finally {
      opened.image.close();
    }
    if (!this.env.backups.pause()) throw new AppError('CONFLICT', '正在备份，请等备份完成后再恢复');
    let safetyCopy: string | null = null;
    try {
      if (this.env.db.read((r) => belongsToBranch(r) || hasUsers(r))) safetyCopy = await this.env.backups.safetyCopy(this.safetySeal(opened));
    } catch (e) {
      this.env.backups.resume();
      throw new AppError('STORAGE', `恢复前无法保存当前数据的安全副本（${e instanceof Error ? e.message : String(e)}），为免丢失数据，未恢复`);
    }
    try {
      // Added to this folder's archive files, never replacing them: they may hold campaigns archived after the
      // backup was made, and the rows of either are the same campaigns' rows.
      for (const a of opened.archives) this.env.db.archives.merge(a.year, a.image, this.env.now);
    } catch (e) {
      this.env.backups.resume();
      throw new AppError('STORAGE', `无法恢复备份中的活动归档（${e instanceof Error ? e.message : String(e)}），未恢复`);
    }
    const db = await this.env.replace(image);
    const result: RestoreResult = {
      branchName: judged.contents.branchName,
      customers: judged.contents.customers,
      visits: judged.contents.visits,
      loss: judged.loss,
      safetyCopy,
    };
    const who = ctx.userId || ctx.token === null ? ctx : { ...ctx, actor: '首次使用恢复' };
    db.write('backup.restore', (w) =>
      audit(w, who, 'backup.restore', 'backup', [], {
        file: fileName(opened.file),
        createdAt: opened.read.header.createdAt,
        loss: judged.loss.text,
        safetyCopy,
      }),
    );
    if ('uploadId' in input.source) this.env.uploads.remove(input.source.uploadId);
    return result;
  }

  private path(source: RestoreSource): string {
    return 'uploadId' in source ? this.env.uploads.path(source.uploadId) : source.path;
  }

  private async open(input: RestoreInput): Promise<Opened | Extract<BackupInspection, { state: 'locked' }>> {
    const file = this.path(input.source);
    const read = await readHeader(file);
    assertComplete(read);
    const userKey = input.key ? parseKeyText(input.key) : undefined;
    const stored = this.env.db.read(readPasswordKey);
    const unlocked = unlock(read.header.slots, {
      keys: this.env.key ? [this.env.key] : [],
      passwordKeys: stored ? [stored] : [],
      userKey,
      password: input.password || undefined,
    });
    if (!unlocked.ok) {
      // Damage is the better explanation when there is some: never blame the password for a broken file.
      if (unlocked.wrong) await checkDigest(file, read);
      return {
        state: 'locked',
        fileName: fileName(file),
        createdAt: read.header.createdAt,
        branchName: read.header.branch.name,
        needs: unlocked.needs,
        wrong: unlocked.wrong,
      };
    }
    await checkDigest(file, read);
    const body = splitBody(read.header, await openBody(file, read, unlocked.contentKey));
    const image = await openImage(body.image, this.env.now);
    const pw = read.header.slots.find((s) => s.kind === 'password');
    return {
      file,
      read,
      image,
      archives: body.archives,
      used: { userKey, password: input.password || undefined, passwordLogin: pw?.kind === 'password' ? pw.login : null },
    };
  }

  private judge(o: Opened) {
    const contents = contentsOf(o.image.reader, o.read.header);
    const { compared, here, belongs, users } = this.env.db.read((r) => ({
      compared: compareDatabases(r, o.image.reader),
      here: branchIdentity(r),
      belongs: belongsToBranch(r),
      users: hasUsers(r),
    }));
    const { currentDigest } = compared;
    const loss = belongs || users ? compared.loss : noLoss();
    const refusal =
      belongs && !sameBranch(o.read.header.branch, here)
        ? `该备份属于网点“${o.read.header.branch.name ?? '未命名'}”，本机是网点“${here.name ?? '未命名'}”的数据，不能用其他网点的备份覆盖。只有新安装的电脑（首次使用）才能恢复任意网点的备份。`
        : null;
    const confirmToken = crypto
      .createHmac('sha256', TOKEN_SECRET)
      .update(`${o.file}\n${crypto.createHash('sha256').update(o.read.raw).digest('hex')}\n${o.read.size}\n${currentDigest}`)
      .digest('base64url');
    return { contents, loss, refusal, confirmToken };
  }

  /**
   * The safety copy opens however this installation's backups open, and also with what just opened the
   * backup (the password typed, the key given), so the person restoring can always undo it.
   */
  private safetySeal(o: Opened): SealWith {
    const own = this.env.backups.sealWith();
    const dataKey = own.dataKey ?? o.used.userKey;
    const passwordKey = own.passwordKey ?? (o.used.password ? derivePasswordKey(o.used.passwordLogin ?? '管理员', o.used.password, this.env.now()) : null);
    return { dataKey, passwordKey };
  }
}

const fileName = (file: string) => file.split(/[\\/]/).pop() ?? file;
