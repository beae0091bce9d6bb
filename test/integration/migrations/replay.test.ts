/**
 * A change log written before a migration, replayed into the new schema. Opening replays the logs at the schema
 * they were written for and only then migrates (ARCHITECTURE.md, Persistence), so changes a crashed older
 * program acknowledged but never snapshotted reach the new schema, with its new columns filled as for any row.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Writer } from '../../../backend/db/handles';
import { readLog } from '../../../backend/db/changeLog';
import { LocalDatabase, type LogRecord } from '../../../backend/db/localDatabase';
import { MIGRATIONS } from '../../../backend/db/migrations/index';
import { decodeSnapshot, listGenerations, logName, snapshotName } from '../../../backend/db/snapshotFile';
import { loadSqlJs } from '../../../backend/db/sqlite';
import { Backend } from '../../../backend/host/backend';
import { derivedCode } from '../../../backend/services/customerCodes';
import { Rng } from '../../../backend/seed/random';
import { call } from '../../helpers/backend';
import { C, PARTS, writeFixture } from '../../helpers/migrationFixture';
import { databaseAt, dump, expectSound, LATEST, openAt, type Dump } from '../../helpers/migrations';
import { tmpDir } from '../../helpers/tmp';

const NOW = new Date('2026-03-20T02:00:00.000Z');
const ADMIN = { actor: '站长', role: 'admin' as const };
const CHILD = path.resolve(__dirname, '../../helpers/migrationChild.ts');
const NEW_CUSTOMER = '2b7e4f10-5c3d-4e6a-8b02-000000000299';
const NEW_VILLAGE = '6f1d2c3a-0b1e-4c2d-9a01-000000000199';

/** Rows of a snapshot file, read without LocalDatabase (which would replay and migrate). */
async function snapshotRows(dir: string, gen: number, sql: string): Promise<unknown[][]> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(decodeSnapshot(fs.readFileSync(path.join(dir, snapshotName(gen)))));
  try {
    return db.exec(sql)[0]?.values ?? [];
  } finally {
    db.close();
  }
}

/** The built-in rows 0008 inserts carry the time the migration ran; nothing else may differ. */
function withoutMigrationTimes(d: Dump): Dump {
  const out: Dump = { ...d };
  for (const t of ['usage_lines', 'customer_libraries']) {
    if (out[t]) out[t] = out[t]!.map(({ created_at: _c, updated_at: _u, ...rest }) => rest);
  }
  return out;
}

describe('a change log written before a migration', () => {
  it('is replayed at 0010 and then migrated: the rows are there with the new columns filled', async () => {
    const dir = await databaseAt(10, (w) => writeFixture(w, 10));
    const old = await openAt(dir, 10);
    const gen = old.generation;
    const at = '2026-03-15T03:00:00.000Z';
    old.write('customers.create', (w) => {
      w.run(
        `INSERT INTO customers (id, name, phone, village_id, address, consent, created_at, created_by, updated_at) VALUES (?, '周杰', '13805347777', NULL, '文化路3号', 1, ?, '王营业员', ?)`,
        [NEW_CUSTOMER, at, at],
      );
      w.run(`INSERT INTO maintenance_events (id, customer_id, at, by_user, action, fields) VALUES ('ev-new-1', ?, ?, '王营业员', 'create', '[]')`, [
        NEW_CUSTOMER,
        at,
      ]);
    });
    old.write('customers.delete', (w) => {
      w.run(`UPDATE customers SET deleted_at = ?, delete_reason = '已故', updated_at = ? WHERE id = ?`, [at, at, C.zhao]);
      w.run(`INSERT INTO maintenance_events (id, customer_id, at, by_user, action, fields) VALUES ('ev-new-2', ?, ?, '李主任', 'delete', '["已故"]')`, [
        C.zhao,
        at,
      ]);
    });
    old.write('customers.update', (w) => w.run(`UPDATE customers SET no_contact = '["letter"]', updated_at = ? WHERE id = ?`, [at, C.zhang]));
    old.write('villages.create', (w) =>
      w.run(`INSERT INTO villages (id, name, kind, town_name, initials, created_at, updated_at) VALUES (?, '李家屯', 'village', '二屯镇', 'ljt', ?, ?)`, [
        NEW_VILLAGE,
        at,
        at,
      ]),
    );
    expect(old.pendingLogRecords).toBe(4);
    old.abandon(); // a crash: no final snapshot

    // The changes are only in the log of that generation, at schema 0010.
    expect(listGenerations(dir).snapshots.at(-1)).toBe(gen);
    expect(await snapshotRows(dir, gen, `SELECT COUNT(*) FROM customers WHERE id = '${NEW_CUSTOMER}'`)).toEqual([[0]]);
    expect(await snapshotRows(dir, gen, 'SELECT COUNT(*) FROM _migrations')).toEqual([[10]]);
    const logged = readLog<LogRecord>(path.join(dir, logName(gen)), false);
    expect(logged.records.map((r) => r.label)).toEqual(['customers.create', 'customers.delete', 'customers.update', 'villages.create']);
    expect(Object.keys(logged.records[0]!.changes[0]![3]!)).not.toContain('code');

    const db = await LocalDatabase.open({ dir });
    expect(db.report.replayedRecords).toBe(4);
    expect(db.report.migrated).toEqual(MIGRATIONS.slice(10).map((m) => m.id));
    db.read((r) => {
      expect(r.get('SELECT name, phone, code, deleted_by FROM customers WHERE id = ?', [NEW_CUSTOMER])).toEqual({
        name: '周杰',
        phone: '13805347777',
        code: null,
        deleted_by: null,
      });
      // deleted_by is filled from the maintenance event that came in through the replay.
      expect(r.get('SELECT deleted_at, delete_reason, deleted_by FROM customers WHERE id = ?', [C.zhao])).toEqual({
        deleted_at: at,
        delete_reason: '已故',
        deleted_by: '李主任',
      });
      expect(r.value('SELECT no_contact FROM customers WHERE id = ?', [C.zhang])).toBe('["letter"]');
      expect(r.get('SELECT name, not_served_at FROM villages WHERE id = ?', [NEW_VILLAGE])).toEqual({ name: '李家屯', not_served_at: null });
    });
    expectSound(db, LATEST);
    await db.close();

    // And the program fills in what only it can: the replayed customer's code; the bin names who deleted 赵强.
    const b = await Backend.open({ dir, now: () => NOW });
    expect((await call(b, 'customers.get', { id: NEW_CUSTOMER }, ADMIN)).code).toBe(derivedCode(NEW_CUSTOMER));
    const bin = await call(b, 'customers.deleted', {}, ADMIN);
    expect(bin.rows.find((r) => r.id === C.zhao)).toMatchObject({ name: '赵强', deletedBy: '李主任', reason: '已故' });
    expect((await call(b, 'customers.list', { query: '周杰' }, ADMIN)).rows.map((r) => r.id)).toEqual([NEW_CUSTOMER]);
    await b.close();
  });

  it('gives the same database as the same changes in a snapshot, from every older schema', async () => {
    for (let k = 1; k < LATEST; k++) {
      // Written part by part after the last snapshot, then a crash: the changes are in the log only.
      const logged = tmpDir(`pbdb-replay${k}-`);
      const a0 = await openAt(logged, k);
      for (const part of PARTS.slice(0, k)) a0.write('test.part', part as (w: Writer) => void);
      a0.abandon();
      // The same changes, closed properly: in the snapshot.
      const snapshotted = await databaseAt(k, (w) => writeFixture(w, k));

      const a = await LocalDatabase.open({ dir: logged });
      const b = await LocalDatabase.open({ dir: snapshotted });
      expect(a.report.replayedRecords, `schema ${k}`).toBe(k);
      expect(b.report.replayedRecords).toBe(0);
      expect(a.report.migrated).toEqual(MIGRATIONS.slice(k).map((m) => m.id));
      expect(b.report.migrated).toEqual(a.report.migrated);
      expect(withoutMigrationTimes(dump(a)), `schema ${k}`).toEqual(withoutMigrationTimes(dump(b)));
      expectSound(a, LATEST);
      await a.close();
      await b.close();
    }
  });

  it('keeps every change an older program acknowledged before it was killed, across several kills, then migrates', async () => {
    for (const k of [6, 10]) {
      const dir = tmpDir(`pbdb-kill${k}-`);
      const rng = new Rng(1900 + k);
      const acked = new Map<number, string>();
      for (let round = 0; round < 3; round++) {
        for (const [n, id] of await runAndKill(dir, k, round * 1000, rng)) acked.set(n, id);
      }
      expect(acked.size).toBeGreaterThan(3);
      const db = await LocalDatabase.open({ dir });
      expect(db.report.migrated).toEqual(MIGRATIONS.slice(k).map((m) => m.id));
      const present = new Set(db.read((r) => r.all<{ id: string }>('SELECT id FROM customers').map((x) => x.id)));
      expect([...acked.values()].filter((id) => !present.has(id))).toEqual([]);
      expectSound(db, LATEST);
      await db.close();

      const b = await Backend.open({ dir, now: () => NOW });
      const missing = b.db.read((r) => r.value<number>('SELECT COUNT(*) FROM customers WHERE code IS NULL'));
      expect(missing).toBe(0);
      const sample = [...acked.values()][0]!;
      expect((await call(b, 'customers.get', { id: sample }, ADMIN)).code).toBe(derivedCode(sample));
      await b.close();
    }
  }, 120_000);

  // Found with issue 19: ARCHITECTURE.md promises that a damaged newest snapshot falls back to the previous
  // generation "losing nothing". Right after a migration the previous snapshot is at the old schema while the newest
  // log was written at the new one, and opening replays that log before migrating: "table customers has no column
  // named code", and the folder is refused (safely — nothing is overwritten — but everything in it is recoverable).
  // Fixed by writing the post-migration snapshot twice, so both kept generations are at the new schema.
  it('falls back to the previous generation when the snapshot a migration wrote is damaged', async () => {
    const dir = await databaseAt(10, (w) => writeFixture(w, 10));
    const db = await LocalDatabase.open({ dir });
    expect(db.report.migrated).toEqual(MIGRATIONS.slice(10).map((m) => m.id));
    db.write('customers.create', (w) =>
      w.run(
        `INSERT INTO customers (id, code, name, created_at, updated_at) VALUES (?, 'KM-00001X', '周杰', '2026-03-15T03:00:00.000Z', '2026-03-15T03:00:00.000Z')`,
        [NEW_CUSTOMER],
      ),
    );
    db.abandon();
    const newest = path.join(dir, snapshotName(listGenerations(dir).snapshots.at(-1)!));
    const bytes = fs.readFileSync(newest);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    fs.writeFileSync(newest, bytes);

    const again = await LocalDatabase.open({ dir });
    expect(again.report.quarantined).toHaveLength(1);
    expect(again.read((r) => r.value('SELECT name FROM customers WHERE id = ?', [NEW_CUSTOMER]))).toBe('周杰');
    expect(again.read((r) => r.value('SELECT deleted_by FROM customers WHERE id = ?', [C.wang]))).toBe('李主任');
    await again.close();
  });
});

/** Runs the old-version writer until it has acknowledged a random number of writes, then SIGKILLs it. */
function runAndKill(dir: string, k: number, start: number, rng: Rng): Promise<Map<number, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(k), String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<number, string>();
    const killAfter = rng.int(2, 40);
    let buf = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^ACK (\d+) (\S+)$/.exec(line);
        if (m) acked.set(Number(m[1]), m[2]!);
        if (!killed && acked.size >= killAfter) {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), rng.int(0, 10));
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited on its own (code ${String(code)}): ${stderr}`));
    });
  });
}
