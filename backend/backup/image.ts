/**
 * A database image out of a backup, opened on its own sql.js connection: checked (PRAGMA quick_check) and
 * brought to this program's schema, so what is compared and what is restored are the same thing.
 */
import type { Database } from 'sql.js';
import { AppError } from '../../shared/errors';
import type { BackupContents } from '../../shared/backup';
import { makeReader, StatementCache, type Reader } from '../db/handles';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations/index';
import { loadSqlJs } from '../db/sqlite';
import type { BackupHeader } from './format';

export interface OpenImage {
  reader: Reader;
  /** The image after migrations (what a restore installs). */
  export(): Uint8Array;
  /** Replaces the image's backup.* bookkeeping with these rows. */
  carry(rows: readonly [string, string][]): void;
  close(): void;
}

/** `migrate: false` only checks that the image opens as this program's database (verifying a backup just written). */
export async function openImage(image: Uint8Array, now: () => Date = () => new Date(), opts: { migrate: boolean } = { migrate: true }): Promise<OpenImage> {
  const SQL = await loadSqlJs();
  let db: Database;
  try {
    db = new SQL.Database(image);
    const check = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
    if (check !== 'ok') {
      db.close();
      throw new AppError('DAMAGED', `备份中的数据库未通过完整性检查（${String(check)}），已拒绝恢复`);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('DAMAGED', `备份中的内容不是可用的数据库（${e instanceof Error ? e.message : String(e)}），已拒绝恢复`);
  }
  try {
    if (!db.exec("SELECT 1 FROM sqlite_master WHERE name = '_migrations'").length)
      throw new AppError('DAMAGED', '备份中的数据库不是本程序的数据库，已拒绝恢复');
    if (opts.migrate) migrate(db, MIGRATIONS, now);
  } catch (e) {
    db.close();
    if (e instanceof AppError && e.code === 'DAMAGED' && /结构版本/.test(e.message)) {
      throw new AppError('VALIDATION', '该备份由更新版本的程序写入，本程序无法读取；请先升级本程序再恢复');
    }
    throw e;
  }
  const cache = new StatementCache(db);
  return {
    reader: makeReader(cache),
    export: () => db.export(),
    carry: (rows) => {
      db.run("DELETE FROM sync_state WHERE key LIKE 'backup.%'");
      for (const [k, v] of rows) db.run('INSERT INTO sync_state (key, value) VALUES (?, ?)', [k, v]);
    },
    close: () => {
      cache.clear();
      db.close();
    },
  };
}

const count = (r: Reader, sql: string) => r.value<number>(sql) ?? 0;

export function contentsOf(r: Reader, header: BackupHeader): BackupContents {
  return {
    branchName: header.branch.name,
    createdAt: header.createdAt,
    appVersion: header.appVersion,
    schema: header.schema,
    customers: count(r, 'SELECT count(*) FROM customers WHERE deleted_at IS NULL'),
    visits: count(r, 'SELECT count(*) FROM visits'),
    users: count(r, 'SELECT count(*) FROM users WHERE disabled_at IS NULL'),
    villages: count(r, 'SELECT count(*) FROM villages WHERE deleted_at IS NULL'),
    admins: r.all<{ login: string }>("SELECT login FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY login").map((u) => u.login),
  };
}
