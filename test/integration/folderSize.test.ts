/**
 * Issue 18, point 1: the data folder stays within 2.5 × the image. A big write leaves a change log larger than
 * the image (every row as JSON with its column names); once a snapshot holds it, that log is kept only for the
 * fallback if the newest snapshot is ever damaged. A second copy of the snapshot serves that fallback in less
 * room, and the log goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { LocalDatabase } from '../../backend/db/localDatabase';
import { MIGRATIONS } from '../../backend/db/migrations';
import { listGenerations, snapshotName } from '../../backend/db/snapshotFile';
import { tmpDir } from '../helpers/tmp';

const COLUMNS = Array.from({ length: 30 }, (_, i) => `column_number_${i}`);
const WIDE = [...MIGRATIONS, { id: '9999_test_wide', sql: `CREATE TABLE wide (id INTEGER PRIMARY KEY, ${COLUMNS.map((c) => `${c} TEXT`).join(', ')})` }];
const folderBytes = (dir: string) => fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
const imageBytes = (dir: string) => fs.statSync(path.join(dir, snapshotName(listGenerations(dir).snapshots.at(-1)!))).size;
const bulk = (from: number, n: number) =>
  `WITH RECURSIVE s(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM s WHERE i < ${from + n - 1}) INSERT INTO wide (id, column_number_0) SELECT i, 'v' || i FROM s`;

it('after a write whose log outgrows the image, the folder holds at most 2.5 × the image, and a damaged snapshot still opens losing nothing', async () => {
  const dir = tmpDir('folder-size-');
  const open = () => LocalDatabase.open({ dir, create: true, snapshotDelayMs: 3_600_000, migrations: WIDE });
  const db = await open();
  db.write('earlier', (w) => w.run(bulk(1, 20_000)));
  await db.snapshot();
  db.write('import', (w) => w.run(bulk(100_000, 40_000)));
  await db.snapshot();
  db.write('after', (w) => w.run("INSERT INTO wide (id, column_number_1) VALUES (1, 'x') ON CONFLICT(id) DO UPDATE SET column_number_1 = 'x'"));
  expect(folderBytes(dir)).toBeLessThanOrEqual(2.5 * imageBytes(dir));
  db.abandon();

  // The newest snapshot damaged: its copy opens, with the write made after it replayed from the log.
  const newest = path.join(dir, snapshotName(listGenerations(dir).snapshots.at(-1)!));
  const bytes = fs.readFileSync(newest);
  bytes[bytes.length - 50]! ^= 0xff;
  fs.writeFileSync(newest, bytes);
  const again = await open();
  expect(again.report.quarantined).toHaveLength(1);
  expect(again.read((r) => r.value('SELECT count(*) FROM wide'))).toBe(60_000);
  expect(again.read((r) => r.value('SELECT column_number_1 FROM wide WHERE id = 1'))).toBe('x');
  await again.close();
});

it('after the newest snapshot was damaged and replaced by its copy, the next generation still has a fallback', async () => {
  const dir = tmpDir('folder-copy-fallback-');
  const open = () => LocalDatabase.open({ dir, create: true, snapshotDelayMs: 3_600_000, migrations: WIDE });
  const damageNewest = () => {
    const newest = path.join(dir, snapshotName(listGenerations(dir).snapshots.at(-1)!));
    const bytes = fs.readFileSync(newest);
    bytes[bytes.length - 50]! ^= 0xff;
    fs.writeFileSync(newest, bytes);
  };
  const db = await open();
  db.write('import', (w) => w.run(bulk(1, 40_000)));
  await db.close();
  damageNewest();
  // Opens from the copy and writes a fresh generation at once.
  const second = await open();
  expect(second.report.quarantined).toHaveLength(1);
  second.write('later', (w) => w.run("UPDATE wide SET column_number_1 = 'later' WHERE id = 7"));
  second.abandon();
  // That fresh snapshot damaged too: the copy it came from is still there to fall back to, with the logs after it.
  damageNewest();
  const third = await open();
  expect(third.read((r) => r.value('SELECT count(*) FROM wide'))).toBe(40_000);
  expect(third.read((r) => r.value('SELECT column_number_1 FROM wide WHERE id = 7'))).toBe('later');
  await third.close();
});
