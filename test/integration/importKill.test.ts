import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { fakeIdNumber, fakeMobile, fakeName } from '../../backend/seed/generate';
import { Rng } from '../../backend/seed/random';
import { CLERK } from '../helpers/backend';
import { xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

const ROWS = 20_000;

function bigSheet(): Buffer {
  const rng = new Rng(11);
  const now = new Date();
  const rows: (string | number)[][] = [['姓名', '身份证号', '手机', '地址']];
  for (let i = 0; i < ROWS; i++) rows.push([fakeName(rng), fakeIdNumber(rng, now), fakeMobile(rng), `幸福路${i}号`]);
  return xlsxOf(rows);
}

describe('import is all-or-nothing under SIGKILL', () => {
  it('leaves the database as it was, or fully imported, and always openable', async () => {
    const dir = tmpDir();
    const db = path.join(dir, 'db');
    const file = path.join(dir, 'big.xlsx');
    fs.writeFileSync(file, bigSheet());
    const seed = await Backend.open({ dir: db, create: true });
    await seed.call('customers.create', { name: '原有客户' }, CLERK);
    await seed.close();
    const outcomes = new Set<number>();
    for (const delay of [300, 900, 1500, 2100, 2700, 3300]) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'backend/cli/main.ts', 'import', 'customers', file, '--db', db, '--on-duplicate', 'skip'], {
        stdio: 'ignore',
      });
      const exited = new Promise<void>((r) => child.on('exit', () => r()));
      setTimeout(() => child.kill('SIGKILL'), delay);
      await exited;
      const b = await Backend.open({ dir: db });
      const count = b.db.read((r) => Number(r.value('SELECT COUNT(*) FROM customers')));
      // Either nothing of the file, or all of it (a few random rows repeat an ID and are dropped as duplicates).
      expect(count === 1 || count > ROWS * 0.99).toBe(true);
      outcomes.add(count);
      b.db.abandon();
    }
    // The run must have caught at least one import mid-way (nothing written) — otherwise it proved nothing —
    // and a completed import must always have written the same rows.
    expect(outcomes.has(1)).toBe(true);
    expect(outcomes.size).toBeLessThanOrEqual(2);
  }, 240_000);
});
