/**
 * Opening a data folder's newest good state: the newest snapshot that verifies (damaged ones moved aside), and
 * the replay of one change-log record onto it.
 */
import path from 'node:path';
import type { Database } from 'sql.js';
import { AppError } from '../../shared/errors';
import { applyChanges } from './capture';
import { runDerived } from './derived';
import type { LogRecord, OpenReport } from './localDatabase';
import type { loadSqlJs } from './sqlite';
import { copyName, decodeSnapshot, type Generations, isDamage, openDecoded, quarantine, readSnapshotFile, snapshotName } from './snapshotFile';

/** Applies one log record; its derived steps run where they ran originally, over the same captured rows. */
export function replayRecord(db: Database, r: LogRecord): void {
  if (!r.derived?.length) {
    applyChanges(db, r.changes);
    return;
  }
  db.exec('DELETE FROM temp._capture');
  let from = 0;
  for (const [op, at, args] of r.derived) {
    applyChanges(db, r.changes.slice(from, at));
    from = at;
    runDerived(db, op, args);
  }
  applyChanges(db, r.changes.slice(from));
  db.exec('DELETE FROM temp._capture');
}

export async function loadNewestGoodSnapshot(
  dir: string,
  gens: Generations,
  SQL: Awaited<ReturnType<typeof loadSqlJs>>,
  now: () => Date,
  report: OpenReport,
  key: Buffer | undefined,
): Promise<{ db: Database; gen: number }> {
  const problems: string[] = [];
  for (const g of [...gens.images].reverse()) {
    const names = [...(gens.snapshots.includes(g) ? [snapshotName(g)] : []), ...(gens.copies.includes(g) ? [copyName(g)] : [])];
    for (const name of names) {
      try {
        // The checksum (and, encrypted, the GCM tag) of exactly the bytes the snapshot wrote is checked while it is
        // read, so a quick_check here would read the whole image a second time to learn nothing new (1.2 s at
        // 100,000 customers). A page SQLite cannot read still fails the first query of the open below.
        const { bytes, payloadSum, room } = await readSnapshotFile(path.join(dir, name), true);
        return { db: openDecoded(SQL, decodeSnapshot(bytes, key, payloadSum, room)), gen: g };
      } catch (e) {
        if (!isDamage(e)) throw e;
        problems.push(`${name}（${e.message}）`);
        report.quarantined.push(quarantine(dir, name, now()));
      }
    }
  }
  throw new AppError('DAMAGED', `数据库快照全部损坏，未打开空库以免覆盖数据：${problems.join('；')}。损坏的文件已改名保留在 ${dir}，请联系管理员恢复备份。`);
}
