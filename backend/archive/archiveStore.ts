/**
 * The yearly archive files of a data folder: `archive/campaigns-<year>.pbarc`, each a whole database image at the
 * working database's schema holding the campaigns that ended in that year, their targets and visits, and copies
 * of what their reports read (villages, carriers' names, mail pieces, costs — no customer's personal data). Same file format as a
 * snapshot (CRC-32, and sealed with the data key when the folder is encrypted), written by temp file + fsync +
 * rename, so a crash leaves the old file or the new one.
 *
 * Reports open a file on demand; it stays open for a minute after its last use (a report over a year asks for
 * it once per campaign) and is then closed, so the archive costs memory only while someone reads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { AppError } from '../../shared/errors';
import { makeReader, StatementCache, type Reader } from '../db/handles';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations/index';
import { decodeSnapshot, encodeSnapshot, isDamage, openDecoded } from '../db/snapshotFile';
import { memfsName } from '../db/sqlite';
import { newDatabase, withRoom } from '../db/imageRoom';
import { DATA_TABLES_SQL, quoteIdent, tableColumns } from '../db/tables';
import { writeFileAtomic } from '../util/fsx';

export const ARCHIVE_FOLDER = 'archive';
export const archiveFileName = (year: number) => `campaigns-${year}.pbarc`;
const FILE_RE = /^campaigns-(\d{4})\.pbarc$/;

interface Open {
  db: Database;
  cache: StatementCache;
  reader: Reader;
  timer: NodeJS.Timeout | undefined;
}

export class ArchiveStore {
  private readonly open = new Map<number, Open>();

  constructor(
    readonly dir: string,
    private readonly key: Buffer | undefined,
    private readonly SQL: SqlJsStatic,
    private readonly idleMs = 60_000,
  ) {}

  get folder(): string {
    return path.join(this.dir, ARCHIVE_FOLDER);
  }

  file(year: number): string {
    return path.join(this.folder, archiveFileName(year));
  }

  /** The years that have a file, oldest first. */
  years(): number[] {
    if (!fs.existsSync(this.folder)) return [];
    return fs
      .readdirSync(this.folder)
      .map((f) => FILE_RE.exec(f)?.[1])
      .filter((y): y is string => y !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  /** A reader over the year's file (opened on first use, closed after a minute unused). */
  reader(year: number): Reader {
    let o = this.open.get(year);
    if (!o) {
      const db = this.load(year, false);
      if (!db) throw new AppError('NOT_FOUND', `${year} 年的活动归档文件 ${archiveFileName(year)} 不在数据目录中，请从备份恢复该文件后再查看`);
      const cache = new StatementCache(db);
      o = { db, cache, reader: makeReader(cache), timer: undefined };
      this.open.set(year, o);
    }
    this.touch(year, o);
    return o.reader;
  }

  /**
   * The year's database to add to: the file's (migrated to the current schema) or, when there is none yet, a new
   * one. The caller owns it and must close it; any copy opened for reports is closed first, as it is about to
   * be replaced.
   */
  forWriting(year: number, now: () => Date): Database {
    this.close(year);
    const db = this.load(year, true) ?? newDatabase(this.SQL);
    try {
      migrate(db, MIGRATIONS, now);
    } catch (e) {
      db.close();
      throw e;
    }
    return db;
  }

  /** Replaces the year's file with `image` (temp file, fsync, rename). */
  save(year: number, image: Uint8Array): void {
    this.close(year);
    fs.mkdirSync(this.folder, { recursive: true });
    writeFileAtomic(this.file(year), encodeSnapshot(image, this.key));
  }

  /**
   * Every year's image, decoded (for a backup, which seals them with the working image and opens each one when it
   * reads the backup back).
   */
  images(): { year: number; image: Uint8Array }[] {
    return this.years().map((year) => ({ year, image: this.decoded(year, false)! }));
  }

  /**
   * Adds a year's rows from another copy of its archive (a restored backup's) without losing any here: the file
   * may already hold campaigns archived after that backup was made, so rows already here are kept as they are.
   */
  merge(year: number, image: Uint8Array, now: () => Date): void {
    const into = this.forWriting(year, now);
    const from = new this.SQL.Database(image);
    try {
      migrate(from, MIGRATIONS, now);
      const tables = (from.exec(DATA_TABLES_SQL)[0]?.values ?? []).map((r) => String(r[0]));
      into.run('ATTACH ? AS other', [memfsName(from)]);
      into.exec('BEGIN');
      try {
        for (const t of tables) {
          const cols = tableColumns(into, t).map((c) => quoteIdent(c.name));
          into.exec(
            `INSERT INTO main.${quoteIdent(t)} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM other.${quoteIdent(t)} WHERE true ON CONFLICT DO NOTHING`,
          );
        }
        into.exec('COMMIT');
      } catch (e) {
        into.exec('ROLLBACK');
        throw e;
      }
      into.exec('DETACH other');
      this.save(year, into.export());
    } finally {
      from.close();
      into.close();
    }
  }

  closeAll(): void {
    for (const year of [...this.open.keys()]) this.close(year);
  }

  /** Closes the year's file if a report had it open (its memory is given back at once, not after a minute). */
  close(year: number): void {
    const o = this.open.get(year);
    if (!o) return;
    if (o.timer) clearTimeout(o.timer);
    o.cache.clear();
    o.db.close();
    this.open.delete(year);
  }

  private touch(year: number, o: Open): void {
    if (o.timer) clearTimeout(o.timer);
    o.timer = setTimeout(() => this.close(year), this.idleMs);
    o.timer.unref();
  }

  private load(year: number, forWriting: boolean): Database | null {
    const image = this.decoded(year, forWriting);
    if (!image) return null;
    try {
      // An image to add to gets room to grow into (see imageRoom.ts); one only read does not need it.
      return openDecoded(this.SQL, forWriting ? withRoom(image) : image);
    } catch (e) {
      throw this.damaged(year, forWriting, e);
    }
  }

  /** The year's image as the file holds it, checked and decrypted; null when there is no file. */
  private decoded(year: number, forWriting: boolean): Uint8Array | null {
    const file = this.file(year);
    if (!fs.existsSync(file)) return null;
    try {
      return decodeSnapshot(fs.readFileSync(file), this.key);
    } catch (e) {
      throw this.damaged(year, forWriting, e);
    }
  }

  private damaged(year: number, forWriting: boolean, e: unknown): unknown {
    if (!isDamage(e)) return e;
    // Never written over: the rows in it exist nowhere else on this PC (the hub and backups may have them).
    const what = forWriting ? '无法向其中追加，本次未归档任何活动' : '无法读取';
    return new AppError('DAMAGED', `${year} 年的活动归档文件 ${archiveFileName(year)} 已损坏（${e.message}），${what}。文件已原样保留，请从备份恢复该文件。`);
  }
}
