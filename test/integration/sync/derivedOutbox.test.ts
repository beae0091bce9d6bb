/**
 * Issue 18, point 2: the outbox is derived inside SQLite from what each write captured and logged only as the
 * step that made it. Held to the rule written out as a model (one entry per changed row: the whole row when it
 * was new or re-made, the changed fields of an update, null for a delete, nothing for a row changed back), and
 * a crash at any point must give back exactly the same outbox — the same ids, so the hub takes nothing twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../backend/db/capture';
import { ChangeLogWriter } from '../../../backend/db/changeLog';
import { LocalDatabase } from '../../../backend/db/localDatabase';
import { MIGRATIONS } from '../../../backend/db/migrations';
import { logName } from '../../../backend/db/snapshotFile';
import { Rng } from '../../../backend/seed/random';
import { SyncService } from '../../../backend/sync/syncService';
import { parsePushRequest } from '../../../shared/syncProtocol';
import { tmpDir } from '../../helpers/tmp';

/** A log record's changes as the earlier versions wrote them: each row's JSON spliced into its change as is. */
const changesJson = (changes: readonly Change[]) =>
  `[${changes.map(([t, o, pk, d]) => `[${JSON.stringify(t)},"${o}",${JSON.stringify(pk)},${d ?? 'null'}]`).join(',')}]`;

const WITH_ITEMS = [...MIGRATIONS, { id: '9999_test_items', sql: 'CREATE TABLE items (id TEXT PRIMARY KEY, a TEXT, b INTEGER, c REAL, d TEXT)' }];
type Row = { id: string; a: string | null; b: number | null; c: number | null; d: string | null };
type Entry = { tbl: string; pk: string; fields: Record<string, unknown> | null };

const open = (dir: string) => LocalDatabase.open({ dir, create: true, migrations: WITH_ITEMS, snapshotDelayMs: 3_600_000 });
const outboxRows = (db: LocalDatabase) => db.read((r) => r.all('SELECT seq, id, tbl, pk, fields, hlc, seen FROM sync_outbox ORDER BY seq'));
/** What the push would send, as the hub would get it now (whole rows read when sent). */
const outboxEntries = (sync: SyncService): Entry[] => sync.outboxBatches().flatMap((b) => b.changes.map((c) => ({ tbl: c.tbl, pk: c.pk, fields: c.fields })));

function randomRow(rng: Rng, id: string): Row {
  return {
    id,
    a: rng.chance(0.2) ? null : `值${rng.int(0, 5)}`,
    b: rng.chance(0.2) ? null : rng.int(-3, 3),
    c: rng.chance(0.2) ? null : rng.int(0, 4) / 2,
    d: rng.chance(0.5) ? null : `'"{}[]\\ ${rng.int(0, 2)}`,
  };
}

/** The documented rule, written independently of the SQL: what one write must queue. */
function expectedEntries(start: Map<string, Row>, end: Map<string, Row>, touched: string[], remade: Set<string>): Entry[] {
  const out: Entry[] = [];
  for (const id of touched) {
    const before = start.get(id);
    const after = end.get(id);
    if (!after) out.push({ tbl: 'items', pk: id, fields: null });
    else if (!before || remade.has(id)) out.push({ tbl: 'items', pk: id, fields: { ...after } });
    else {
      const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k as keyof Row] !== v));
      if (Object.keys(changed).length) out.push({ tbl: 'items', pk: id, fields: changed });
    }
  }
  return out;
}

describe('the outbox derived inside SQLite (issue 18)', () => {
  it('follows the rule through random writes and acks, and a crash at any point gives back the very same outbox', async () => {
    const dir = tmpDir('derived-outbox-');
    const rng = new Rng(18);
    let db = await open(dir);
    let clock = Date.UTC(2026, 11, 6, 8);
    const now = () => new Date(clock);
    let sync = SyncService.attach(db, now);
    db.write('seed', (w) => w.run("INSERT INTO items (id, a, b) VALUES ('old1', '旧', 1)"));
    const queued = db.write('enable', (w) => sync.enable(w), { fromHub: true });
    expect(queued).toBeGreaterThanOrEqual(1);
    const model = new Map<string, Row>([['old1', { id: 'old1', a: '旧', b: 1, c: null, d: null }]]);
    let expected: Entry[] = outboxEntries(sync);
    expect(expected).toContainEqual({ tbl: 'items', pk: 'old1', fields: { id: 'old1', a: '旧', b: 1, c: null, d: null } });
    let next = 0;

    for (let round = 0; round < 120; round++) {
      clock += rng.int(0, 2);
      const start = new Map([...model].map(([k, v]) => [k, { ...v }]));
      const touched: string[] = [];
      const remade = new Set<string>();
      const touch = (id: string) => !touched.includes(id) && touched.push(id);
      db.write('round', (w) => {
        for (let k = rng.int(1, 6); k > 0; k--) {
          const ids = [...model.keys()];
          const pick = rng.int(0, 9);
          if (pick < 3 || ids.length === 0) {
            const row = randomRow(rng, `i${next++}`);
            w.run('INSERT INTO items (id, a, b, c, d) VALUES (?, ?, ?, ?, ?)', [row.id, row.a, row.b, row.c, row.d]);
            model.set(row.id, row);
            touch(row.id);
          } else if (pick < 8) {
            const id = ids[rng.int(0, ids.length - 1)]!;
            const row = { ...model.get(id)!, ...(rng.chance(0.3) ? start.get(id) : randomRow(rng, id)) };
            w.run('UPDATE items SET a = ?, b = ?, c = ?, d = ? WHERE id = ?', [row.a, row.b, row.c, row.d, id]);
            model.set(id, row);
            touch(id);
          } else {
            const id = ids[rng.int(0, ids.length - 1)]!;
            w.run('DELETE FROM items WHERE id = ?', [id]);
            model.delete(id);
            touch(id);
            if (rng.chance(0.5)) {
              // Made again in the same write: the hub must get the whole new row.
              const row = randomRow(rng, id);
              w.run('INSERT INTO items (id, a, b, c, d) VALUES (?, ?, ?, ?, ?)', [row.id, row.a, row.b, row.c, row.d]);
              model.set(id, row);
              remade.add(id);
            }
          }
        }
      });
      expected = [...expected, ...expectedEntries(start, model, touched, remade)];
      if (rng.chance(0.25)) {
        const ids = db.read((r) => r.all<{ id: string }>('SELECT id FROM sync_outbox ORDER BY seq LIMIT ?', [rng.int(1, 8)]).map((x) => x.id));
        sync.acknowledge(ids, [], null);
        expected = expected.slice(ids.length);
      }
      if (rng.chance(0.05)) await db.snapshot();
      expect(outboxEntries(sync)).toEqual(expected);

      if (rng.chance(0.15)) {
        const before = outboxRows(db);
        const items = db.read((r) => r.all('SELECT * FROM items ORDER BY id'));
        db.abandon();
        db = await open(dir);
        sync = SyncService.attach(db, now);
        expect(outboxRows(db)).toEqual(before);
        expect(db.read((r) => r.all('SELECT * FROM items ORDER BY id'))).toEqual(items);
      }
    }
    // What a push would carry is what the hub accepts.
    for (const batch of sync.outboxBatches()) expect(() => parsePushRequest(batch)).not.toThrow();
    expect(new Set(outboxRows(db).map((r) => r['id'])).size).toBe(outboxRows(db).length);
    await db.close();
  }, 120_000);

  it('keeps no second copy of the rows: a write with sync set up costs the log what it costs without, the database a key per row, and the ack only the ids', async () => {
    const sizes: number[] = [];
    const grown: number[] = [];
    for (const withSync of [false, true]) {
      const db = await open(tmpDir('derived-size-'));
      if (withSync) {
        const sync = SyncService.attach(db);
        db.write('enable', (w) => sync.enable(w), { fromHub: true });
      }
      const before = db.logBytes;
      const imageBefore = db.imageBytes;
      const queuedBefore = db.read((r) => r.value<number>('SELECT count(*) FROM sync_outbox') ?? 0);
      db.write('bulk', (w) =>
        w.run(
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO items (id, a, b, c, d) SELECT 'r' || i, '名称' || i, i, i / 3.0, hex(zeroblob(150)) FROM n",
        ),
      );
      sizes.push(db.logBytes - before);
      grown.push(db.imageBytes - imageBefore);
      if (withSync) {
        expect(db.read((r) => r.value('SELECT count(*) FROM sync_outbox'))).toBe(queuedBefore + 20_000);
        const ids = db.read((r) => r.all<{ id: string }>('SELECT id FROM sync_outbox').map((x) => x.id));
        const beforeAck = db.logBytes;
        SyncService.attach(db).acknowledge(ids, [], null);
        const ackBytes = db.logBytes - beforeAck;
        expect(ackBytes).toBeLessThan(2_000);
        expect(db.read((r) => r.value('SELECT count(*) FROM sync_outbox'))).toBe(0);
      }
      await db.close();
    }
    // The sync state's clock row is the only extra.
    expect(sizes[1]!).toBeLessThan(sizes[0]! * 1.01 + 1_000);
    // The outbox holds a key per row, not the row: an entry (id, table, key, clock time and two index entries) takes
    // about 200 bytes, a copy of these 350-byte rows would add as much again.
    expect(grown[1]! - grown[0]!).toBeLessThan(20_000 * 260);
  }, 60_000);

  it('still replays a log written when the outbox rows were logged as changes', async () => {
    const dir = tmpDir('derived-old-');
    const db = await open(dir);
    const gen = db.generation;
    await db.close();
    const log = new ChangeLogWriter(path.join(dir, logName(gen)));
    const row = JSON.stringify({ seq: 7, id: 'abcdef0123456789', tbl: 'items', pk: 'x', fields: '{"a":"旧"}', hlc: '000000000005000-0000-pc1', seen: 0 });
    log.append(`{"v":1,"at":"2026-12-01T00:00:00.000Z","label":"old","changes":${changesJson([['sync_outbox', 'u', '7', row]])}}`);
    log.close();
    expect(fs.statSync(path.join(dir, logName(gen))).size).toBeGreaterThan(0);
    const again = await open(dir);
    expect(again.read((r) => r.all('SELECT seq, id, pk FROM sync_outbox'))).toEqual([{ seq: 7, id: 'abcdef0123456789', pk: 'x' }]);
    await again.close();
  });
});

describe('outbox ids across versions', () => {
  it('queues ids that sort in the order of the write, and replays a step logged by the earlier version with its own ids', async () => {
    const dir = tmpDir('derived-ids-');
    const db = await open(dir);
    const hlc = '000000000009000-0000-pc1';
    // The earlier version's step (unpadded positions), as a log record it wrote before the upgrade says it.
    db.write('old step', (w) => {
      for (let i = 0; i < 12; i++) w.run('INSERT INTO items (id, a) VALUES (?, ?)', [`o${i}`, '旧']);
      db.derive('outbox.capture', [hlc, 0]);
    });
    db.write('new step', (w) => {
      for (let i = 0; i < 12; i++) w.run('INSERT INTO items (id, a) VALUES (?, ?)', [`n${i}`, '新']);
      db.derive('outbox.capture2', [hlc.replace('9000', '9001'), 0]);
    });
    const before = outboxRows(db);
    const newIds = before.filter((r) => String(r['pk']).startsWith('n')).map((r) => String(r['id']));
    expect(newIds).toEqual([...newIds].sort());
    expect(before.find((r) => r['pk'] === 'o10')?.['id']).toBe(`${hlc}-11`);
    db.abandon();
    const again = await open(dir);
    expect(outboxRows(again)).toEqual(before);
    await again.close();
  });

  it('sends a row as it was when it was queued, though the hub changed it before the push, also after a crash', async () => {
    const dir = tmpDir('derived-pull-');
    let db = await open(dir);
    const now = () => new Date(Date.UTC(2026, 11, 6, 8));
    let sync = SyncService.attach(db, now);
    db.write('enable', (w) => sync.enable(w), { fromHub: true });
    db.write('mine', (w) => w.run("INSERT INTO items (id, a, b) VALUES ('x1', '本地', 1)"));
    const sent = () => outboxEntries(sync).filter((e) => e.pk === 'x1');
    const mine = [{ tbl: 'items', pk: 'x1', fields: { id: 'x1', a: '本地', b: 1, c: null, d: null } }];
    expect(sent()).toEqual(mine);
    // Another PC's later edit of the row comes down first (the hub has the row from a sync file, say).
    sync.applyPage([{ tbl: 'items', pk: 'x1', data: { id: 'x1', a: '市局', b: 2, c: null, d: null }, h: '999999999999999-0000-hub' }], 1);
    expect(db.read((r) => r.value("SELECT a FROM items WHERE id = 'x1'"))).toBe('市局');
    expect(sent()).toEqual(mine);
    db.abandon();
    db = await open(dir);
    sync = SyncService.attach(db, now);
    expect(sent()).toEqual(mine);
    await db.close();
  });
});
