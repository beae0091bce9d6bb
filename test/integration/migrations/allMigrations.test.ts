/**
 * Every migration, run on a branch database that started at 0001 with a good amount of data and was upgraded
 * one program version at a time (writing at each schema what that version wrote), must end in exactly the schema
 * a fresh installation gets — tables, columns, indexes, triggers as sqlite_master holds them — so an upgraded
 * branch and a new one can never drift apart. Jumping from 0001 to the end in one open must end there too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Writer } from '../../../backend/db/handles';
import { LocalDatabase } from '../../../backend/db/localDatabase';
import { MIGRATIONS } from '../../../backend/db/migrations/index';
import { Backend } from '../../../backend/host/backend';
import { fakeIdNumber, fakeMobile, fakeName } from '../../../backend/seed/generate';
import { ROADS, TOWNS, VILLAGE_STEMS } from '../../../backend/seed/names';
import { Rng } from '../../../backend/seed/random';
import { BRANCH_SCHEMA } from '../../../shared/branchSchema';
import { call } from '../../helpers/backend';
import { PARTS } from '../../helpers/migrationFixture';
import { columnsOf, dataTables, dump, expectRowsKept, expectSound, LATEST, normalisedSchema, openAt, type Dump } from '../../helpers/migrations';
import { tmpDir } from '../../helpers/tmp';

const CUSTOMERS = 3000;
const VILLAGES = 40;
const NOW = new Date('2026-06-01T02:00:00.000Z');
const ADMIN = { actor: '站长', role: 'admin' as const };
const seedNow = new Date('2026-01-15T00:00:00.000Z');
const iso = (rng: Rng, daysBack: number) => new Date(seedNow.getTime() - rng.int(0, daysBack) * 86_400_000).toISOString();
const uid = (rng: Rng) => rng.uuid();

interface Seeded {
  customers: string[];
  villages: string[];
}

/** A branch at 0001: villages, customers with Chinese names, ID numbers and mobiles, and their history. */
function seedAt0001(w: Writer, rng: Rng): Seeded {
  const villages: string[] = [];
  for (let i = 0; i < VILLAGES; i++) {
    const id = uid(rng);
    const official = rng.chance(0.7);
    const at = iso(rng, 900);
    w.run('INSERT INTO villages (id, code, name, kind, town_code, town_name, postal_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      id,
      official ? `371402${String(101 + (i % 7)).padStart(3, '0')}${String(200 + i).padStart(3, '0')}` : null,
      `${VILLAGE_STEMS[i % VILLAGE_STEMS.length]!}${i >= VILLAGE_STEMS.length ? i : ''}村`,
      i % 10 === 9 ? 'community' : 'village',
      official ? `371402${String(101 + (i % 7)).padStart(3, '0')}` : null,
      rng.pick(TOWNS),
      rng.chance(0.8) ? `2530${String(rng.int(10, 99))}` : null,
      at,
      at,
    ]);
    villages.push(id);
  }
  const customers: string[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < CUSTOMERS; i++) {
    const id = uid(rng);
    let idNumber: string | null = rng.chance(0.75) ? fakeIdNumber(rng, seedNow) : null;
    if (idNumber && ids.has(idNumber)) idNumber = null;
    if (idNumber) ids.add(idNumber);
    const created = iso(rng, 900);
    const maintained = rng.chance(0.6) ? iso(rng, 500) : null;
    const deleted = rng.chance(0.04) ? iso(rng, 60) : null;
    w.run(
      `INSERT INTO customers (id, name, id_number, birth_date, sex, phone, village_id, group_name, address, tags, consent, source, created_at, created_by, updated_at, maintained_at, maintained_by, selection_count, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '王营业员', ?, ?, ?, ?, ?)`,
      [
        id,
        fakeName(rng),
        idNumber,
        idNumber ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` : null,
        idNumber ? (Number(idNumber[16]) % 2 === 1 ? 'M' : 'F') : null,
        rng.chance(0.85) ? fakeMobile(rng) : null,
        rng.chance(0.95) ? rng.pick(villages) : null,
        rng.chance(0.5) ? `${rng.int(1, 9)}组` : null,
        `${rng.pick(ROADS)}${rng.int(1, 199)}号`,
        JSON.stringify(rng.chance(0.3) ? ['夕阳红'] : []),
        rng.chance(0.8) ? 1 : 0,
        '网点登记',
        created,
        deleted ?? maintained ?? created,
        maintained,
        maintained ? '王营业员' : null,
        rng.int(0, 4),
        deleted,
      ],
    );
    w.run("INSERT INTO maintenance_events (id, customer_id, at, by_user, action, fields) VALUES (?, ?, ?, '王营业员', 'create', '[]')", [
      uid(rng),
      id,
      created,
    ]);
    if (maintained)
      w.run(`INSERT INTO maintenance_events (id, customer_id, at, by_user, action, fields) VALUES (?, ?, ?, '李主任', 'edit', '["phone"]')`, [
        uid(rng),
        id,
        maintained,
      ]);
    if (deleted)
      w.run(`INSERT INTO maintenance_events (id, customer_id, at, by_user, action, fields) VALUES (?, ?, ?, '李主任', 'delete', '["搬迁"]')`, [
        uid(rng),
        id,
        deleted,
      ]);
    customers.push(id);
  }
  return { customers, villages };
}

/** What the program of schema k added in bulk, beyond the fixture's part. */
function bulkAt(k: number, w: Writer, rng: Rng, s: Seeded): void {
  if (k === 2) {
    for (const c of s.customers) {
      if (!rng.chance(0.5)) continue;
      w.run(
        `INSERT INTO usage_facts (id, customer_id, line, product, first_date, last_date, source, created_at) VALUES (?, ?, ?, ?, '2020-01-01', ?, '导入', ?)`,
        [uid(rng), c, rng.pick(['储蓄', '保险', '报刊', '代收费']), null, iso(rng, 700).slice(0, 10), iso(rng, 10)],
      );
    }
  }
  if (k === 3) {
    for (const c of s.customers)
      if (rng.chance(0.3)) w.run('INSERT INTO selection_events (id, customer_id, campaign_id, at) VALUES (?, ?, NULL, ?)', [uid(rng), c, iso(rng, 400)]);
  }
  if (k === 6) {
    const campaign = uid(rng);
    const at = iso(rng, 30);
    w.run(`INSERT INTO campaigns (id, name, channels, stage, created_at, updated_at) VALUES (?, '2026年储蓄回馈', '["door"]', 'execution', ?, ?)`, [
      campaign,
      at,
      at,
    ]);
    for (const c of s.customers.slice(0, 800)) {
      const target = uid(rng);
      w.run('INSERT INTO campaign_targets (id, campaign_id, customer_id, created_at) VALUES (?, ?, ?, ?)', [target, campaign, c, at]);
      if (rng.chance(0.5)) {
        w.run(`INSERT INTO visits (id, campaign_id, target_id, customer_id, visited_at, outcome, turnover, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
          uid(rng),
          campaign,
          target,
          c,
          at,
          rng.pick(['success', 'refused', 'not_home']),
          rng.int(0, 50_000),
          at,
        ]);
      }
    }
  }
}

const counts = (d: Dump) => Object.fromEntries(Object.entries(d).map(([t, rows]) => [t, rows.length]));

function tableInfo(db: LocalDatabase): Record<string, unknown[]> {
  return db.read((r) => Object.fromEntries(dataTables(r).map((t) => [t, r.all(`PRAGMA table_info("${t}")`)])));
}

describe('every migration on a database seeded at 0001', () => {
  it('has a test of its own and a part of the fixture (test/helpers/migrationFixture.ts)', () => {
    expect(PARTS).toHaveLength(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(fs.existsSync(path.join(__dirname, `${m.id}.test.ts`)), `${m.id}.test.ts`).toBe(true);
  });

  it('ends in exactly the schema of a fresh installation, keeping every row', async () => {
    const rng = new Rng(20260119);
    const dir = tmpDir('pbdb-allmig-');
    let db = await openAt(dir, 1);
    const seeded = db.write('test.seed', (w) => {
      const s = seedAt0001(w, rng);
      PARTS[0]!(w);
      return s;
    });
    // A copy that jumps from 0001 to the end in one open.
    const jumpDir = tmpDir('pbdb-allmig-jump-');
    let before = dump(db);
    await db.close();
    fs.cpSync(dir, jumpDir, { recursive: true });

    // One program version at a time: migrate, check nothing was lost, write what that version wrote.
    for (let k = 2; k <= LATEST; k++) {
      db = await openAt(dir, k);
      const after = dump(db);
      expectRowsKept(before, after);
      expectSound(db, k);
      db.write(`test.part${k}`, (w) => {
        PARTS[k - 1]!(w);
        bulkAt(k, w, rng, seeded);
      });
      before = dump(db);
      await db.close();
    }
    const stepped = await LocalDatabase.open({ dir });
    expect(stepped.report.migrated).toEqual([]);
    const jumped = await LocalDatabase.open({ dir: jumpDir });
    expect(jumped.report.migrated).toHaveLength(LATEST - 1);
    const fresh = await LocalDatabase.open({ dir: tmpDir('pbdb-fresh-'), create: true });

    const schema = normalisedSchema(fresh);
    expect(schema.length).toBeGreaterThan(50);
    expect(normalisedSchema(stepped)).toEqual(schema);
    expect(normalisedSchema(jumped)).toEqual(schema);
    expect(tableInfo(stepped)).toEqual(tableInfo(fresh));
    expect(tableInfo(jumped)).toEqual(tableInfo(fresh));
    // The hub's view of the branch schema (generated from a fresh database) fits the upgraded one too.
    stepped.read((r) => {
      for (const [t, shape] of Object.entries(BRANCH_SCHEMA.tables)) expect(columnsOf(r, t), t).toEqual(shape.columns.map((c) => c.name));
    });

    const data = dump(stepped);
    expect(counts(data)['customers']).toBe(CUSTOMERS + 9);
    expect(counts(data)['villages']).toBe(VILLAGES + 4);
    expect(counts(data)['usage_facts']).toBeGreaterThan(1000);
    expect(counts(data)['campaign_targets']).toBe(800 + 3);
    expectSound(stepped, LATEST);
    expectSound(jumped, LATEST);
    // deleted_by from the history for every customer deleted by a delete event.
    const deletedWithoutWho = stepped.read((r) =>
      r.value<number>(
        "SELECT COUNT(*) FROM customers c WHERE c.deleted_at IS NOT NULL AND c.deleted_by IS NULL AND EXISTS (SELECT 1 FROM maintenance_events e WHERE e.customer_id = c.id AND e.action = 'delete')",
      ),
    );
    expect(deletedWithoutWho).toBe(0);
    await stepped.close();
    await jumped.close();
    await fresh.close();

    // The program then gives all 3,000 customers from 0001 a code of their own.
    const b = await Backend.open({ dir, now: () => NOW });
    const codes = b.db.read((r) => r.all<{ code: string | null }>('SELECT code FROM customers'));
    expect(codes.filter((c) => c.code === null)).toEqual([]);
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    const page = await call(b, 'customers.list', { limit: 10 }, ADMIN);
    expect(page.total).toBeGreaterThan(CUSTOMERS * 0.9);
    await b.close();
  }, 120_000);
});
