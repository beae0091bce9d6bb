/**
 * Child process for the migration replay test: a program of an older version (it knows only the first `k`
 * migrations) adds customers one by one with plain SQL — a customer row and its maintenance event per write —
 * and prints "ACK <n> <id>" only once each write has returned (is durable). The parent SIGKILLs it, so what it
 * wrote after its last snapshot exists only in the change log, at schema k. Snapshots run often so some kills
 * land mid-snapshot.
 */
import { randomUUID } from 'node:crypto';
import { LocalDatabase } from '../../backend/db/localDatabase';
import { MIGRATIONS } from '../../backend/db/migrations/index';

const [dir, kArg, startArg] = process.argv.slice(2);
const k = Number(kArg);
const start = Number(startArg);
const db = await LocalDatabase.open({ dir: dir!, create: true, migrations: MIGRATIONS.slice(0, k), snapshotDelayMs: 5, snapshotLogBytes: 8192 });
process.stdout.write('READY\n');
for (let n = start; ; n++) {
  const id = randomUUID();
  const at = new Date().toISOString();
  db.write('customers.create', (w) => {
    w.run(`INSERT INTO customers (id, name, phone, address, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, '王营业员', ?)`, [
      id,
      `客户${n}`,
      `139${String(n).padStart(8, '0')}`,
      `幸福路${n}号`,
      at,
      at,
    ]);
    w.run(`INSERT INTO maintenance_events (id, customer_id, at, by_user, action, fields) VALUES (?, ?, ?, '王营业员', 'create', '[]')`, [randomUUID(), id, at]);
  });
  process.stdout.write(`ACK ${n} ${id}\n`);
  if (n % 3 === 0) await new Promise((r) => setImmediate(r));
}
