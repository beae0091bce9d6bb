/**
 * A big write into a big image (issue 18): 100,000 rows of about 900 bytes into a 300 MB image, opened as sql.js
 * would open it alone and as the app opens it, with room to grow after the image (backend/db/imageRoom.ts).
 * Measured in one process each, best of two, since both allocate hundreds of megabytes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withRoom } from '../backend/db/imageRoom';
import { openDecoded } from '../backend/db/snapshotFile';
import { loadSqlJs } from '../backend/db/sqlite';
import { peakMB, runChild } from './child';

const ROWS = 100_000;
const row = (i: number) => `${'行'.repeat(300)}${i}`;

/** Child: opens the image (with room or not), writes the rows in one transaction, reports time and peak. */
async function child(file: string, room: boolean): Promise<void> {
  const SQL = await loadSqlJs();
  const image = fs.readFileSync(file);
  const db = room ? openDecoded(SQL, withRoom(image)) : openDecoded(SQL, new Uint8Array(image));
  const t0 = performance.now();
  db.exec('BEGIN');
  const st = db.prepare('INSERT INTO t (v) VALUES (?)');
  for (let i = 0; i < ROWS; i++) st.run([row(i)]);
  st.free();
  db.exec('COMMIT');
  const writeMs = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ writeMs, peakMB: peakMB() })}\n`);
}

export async function growBench(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-grow-'));
  const file = path.join(dir, 'image.db');
  const SQL = await loadSqlJs();
  const seed = new SQL.Database();
  seed.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); BEGIN');
  const st = seed.prepare('INSERT INTO t (v) VALUES (?)');
  for (let i = 0; i < 3 * ROWS; i++) st.run([row(i)]);
  st.free();
  seed.exec('COMMIT');
  fs.writeFileSync(file, seed.export());
  seed.close();
  const run = (room: boolean) => runChild<{ writeMs: number; peakMB: number }>(import.meta.filename, [file, room ? 'room' : 'plain']);
  const best = (room: boolean) => [run(room), run(room)].sort((a, b) => a.writeMs - b.writeMs)[0]!;
  const plain = best(false);
  const roomy = best(true);
  const imageMB = fs.statSync(file).size / 1024 / 1024;
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows: ROWS, imageMB, plainWriteMs: plain.writeMs, plainPeakMB: plain.peakMB, roomWriteMs: roomy.writeMs, roomPeakMB: roomy.peakMB };
}

if (process.argv[1] === import.meta.filename && process.argv[2]) await child(process.argv[2], process.argv[3] === 'room');
