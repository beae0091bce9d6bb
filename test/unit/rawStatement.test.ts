/**
 * Statements through SQLite's C interface (backend/db/rawStatement.ts) store and return exactly what sql.js's own
 * statements do, judged by sql.js over many random rows, and fail the way they do.
 */
import { describe, expect, it } from 'vitest';
import type { Database, SqlValue } from 'sql.js';
import { makeWriter, StatementCache } from '../../backend/db/handles';
import { newDatabase } from '../../backend/db/imageRoom';
import { loadSqlJs } from '../../backend/db/sqlite';
import { Rng } from '../../backend/seed/random';

const PIECES = ['张', '伟', '村', 'a', 'Z', '0', ' ', "'", '"', '\\', '\n', '😀', '𠀀', 'é', '\u0000', '—'];

function randomValue(rng: Rng): SqlValue {
  switch (rng.int(0, 6)) {
    case 0:
      return null;
    case 1:
      return rng.int(-2_147_483_648, 2_147_483_647);
    case 2:
      return rng.int(0, 2 ** 40) * (rng.chance(0.5) ? 1 : -1);
    case 3:
      return rng.int(-1e6, 1e6) / 7;
    case 4: {
      const bytes = new Uint8Array(rng.int(0, 40));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
      return bytes;
    }
    default: {
      // Whole characters only: a lone surrogate is not text, and the two encoders replace it differently.
      let s = '';
      for (let n = rng.int(0, rng.chance(0.05) ? 5000 : 30); n > 0; n--) s += rng.pick(PIECES);
      return s;
    }
  }
}

async function twoTables(): Promise<{ db: Database; raw: StatementCache; plain: StatementCache }> {
  const SQL = await loadSqlJs();
  const db = newDatabase(SQL);
  db.exec('CREATE TABLE viaRaw (n INTEGER PRIMARY KEY, a, b, c, d, e); CREATE TABLE viaSqlJs (n INTEGER PRIMARY KEY, a, b, c, d, e)');
  return { db, raw: new StatementCache(db, SQL), plain: new StatementCache(db) };
}

describe('statements through the C interface', () => {
  it('is what the writer uses where the module was loaded by loadSqlJs', async () => {
    const { db, raw, plain } = await twoTables();
    expect(raw.raw('SELECT 1')).not.toBeNull();
    expect(plain.raw('SELECT 1')).toBeNull();
    raw.clear();
    db.close();
  });

  it('stores every kind of value exactly as sql.js does (5,000 random rows, read back by sql.js)', async () => {
    const { db, raw, plain } = await twoTables();
    const rng = new Rng(41);
    const viaRaw = makeWriter(db, raw);
    const viaSqlJs = makeWriter(db, plain);
    for (let n = 0; n < 5000; n++) {
      const values = [n, randomValue(rng), randomValue(rng), randomValue(rng), randomValue(rng), randomValue(rng)];
      expect(viaRaw.run('INSERT INTO viaRaw VALUES (?, ?, ?, ?, ?, ?)', values)).toBe(1);
      viaSqlJs.run('INSERT INTO viaSqlJs VALUES (?, ?, ?, ?, ?, ?)', values);
    }
    const read = (t: string) => db.exec(`SELECT n, a, typeof(a), b, typeof(b), c, typeof(c), d, typeof(d), e, typeof(e) FROM ${t} ORDER BY n`)[0]!.values;
    expect(read('viaRaw')).toEqual(read('viaSqlJs'));
    raw.clear();
    plain.clear();
    db.close();
  });

  it('fails as sql.js fails, and the statement works again afterwards', async () => {
    const { db, raw, plain } = await twoTables();
    const viaRaw = makeWriter(db, raw);
    const viaSqlJs = makeWriter(db, plain);
    viaRaw.run('INSERT INTO viaRaw (n, a) VALUES (?, ?)', [1, 'x']);
    viaSqlJs.run('INSERT INTO viaSqlJs (n, a) VALUES (?, ?)', [1, 'x']);
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message.replace('viaSqlJs', 'viaRaw');
      }
      return 'no error';
    };
    expect(message(() => viaRaw.run('INSERT INTO viaRaw (n, a) VALUES (?, ?)', [1, 'y']))).toBe(
      message(() => viaSqlJs.run('INSERT INTO viaSqlJs (n, a) VALUES (?, ?)', [1, 'y'])),
    );
    expect(message(() => viaRaw.run('INSERT INTO nowhere VALUES (?)', [1]))).toContain('no such table');
    expect(viaRaw.run('INSERT INTO viaRaw (n, a) VALUES (?, ?)', [2, 'y'])).toBe(1);
    expect(db.exec('SELECT group_concat(a) FROM viaRaw')[0]!.values[0]![0]).toBe('x,y');
    raw.clear();
    plain.clear();
    db.close();
  });

  it('copies a blob out whole, large or empty, as sql.js returns it', async () => {
    const { db, raw, plain } = await twoTables();
    const st = raw.raw('SELECT CAST(? AS BLOB)')!;
    for (const text of ['', '张伟'.repeat(300_000), 'plain']) {
      st.bind([text]);
      expect(st.step()).toBe(true);
      expect(st.blob(0).toString('utf8')).toBe(text);
      st.reset();
      const viaRaw = raw.blob('SELECT CAST(? AS BLOB)', [text]);
      const viaSqlJs = plain.blob('SELECT CAST(? AS BLOB)', [text]);
      expect(Buffer.from(viaRaw ?? []).equals(Buffer.from(viaSqlJs ?? []))).toBe(true);
    }
    expect(raw.blob('SELECT 1 WHERE 0', [])).toBeNull();
    expect(plain.blob('SELECT 1 WHERE 0', [])).toBeNull();
    raw.clear();
    plain.clear();
    db.close();
  });
});
