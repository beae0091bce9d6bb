import type { Database } from 'sql.js';
import { AppError } from '../../shared/errors';
import type { Migration } from './migrations/index';

/**
 * Applies pending migrations, each in its own transaction. The applied ids must be a prefix of the known
 * ones: anything else means this database was written by a newer or a diverged build, and touching it
 * could lose data.
 */
export function migrate(db: Database, migrations: readonly Migration[], now: () => Date): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS _migrations (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)');
  const applied = (db.exec('SELECT id FROM _migrations ORDER BY seq')[0]?.values ?? []).map((r) => String(r[0]));
  applied.forEach((id, i) => {
    if (migrations[i]?.id !== id) {
      throw new AppError('DAMAGED', `数据库的结构版本（${id}）与本程序不符：它可能由更新版本的程序写入。为避免丢失数据，已停止打开，请安装最新版本。`);
    }
  });
  const ran: string[] = [];
  for (const m of migrations.slice(applied.length)) {
    db.exec('BEGIN');
    try {
      db.exec(m.sql);
      db.run('INSERT INTO _migrations (id, applied_at) VALUES (?, ?)', [m.id, now().toISOString()]);
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw new Error(`迁移 ${m.id} 失败：${e instanceof Error ? e.message : String(e)}`);
    }
    ran.push(m.id);
  }
  return ran;
}
