/**
 * 客户编号: a short code a person can read out and type (KM-00127X) instead of a 36-character UUID — on the
 * customer list and detail, in search, on the print centre's mailing list, in 退信 registration and the letter
 * preview; unique in the branch even when two PCs add customers offline, and the same on every PC for the
 * customers that existed before codes did.
 */
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { assignMissingCodes } from '../../backend/services/customerCodes';
import { readCustomerCode } from '../../shared/customerCode';
import { call } from '../helpers/backend';
import { startHub } from '../helpers/hub';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: '测试管理员', role: 'admin' as const };
const SHAPE = /^[A-Z0-9]{2}-\d{5}[0-9A-Z]$/;
const codesOf = (b: Backend) => b.db.read((r) => r.all<{ id: string; code: string | null }>('SELECT id, code FROM customers ORDER BY id'));

describe('客户编号', () => {
  it('gives each new customer a short code shown in the list and detail, found by search however it is typed', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const a = await call(b, 'customers.create', { name: '张三', phone: '13800138000' });
    const c = await call(b, 'customers.create', { name: '李四' });
    expect(a.code).toMatch(SHAPE);
    expect(c.code).toMatch(SHAPE);
    expect(a.code).not.toBe(c.code);
    expect(a.code!.slice(0, 2)).toBe(c.code!.slice(0, 2)); // this PC's prefix
    expect(readCustomerCode(a.code!).ok).toBe(true);
    const rows = (await call(b, 'customers.list', {})).rows;
    expect(rows.find((r) => r.id === a.id)?.code).toBe(a.code);
    for (const typed of [a.code!, a.code!.toLowerCase(), a.code!.replace('-', ' ')]) {
      expect((await call(b, 'customers.list', { query: typed })).rows.map((r) => r.name)).toEqual(['张三']);
    }
    await b.close();
  });

  it('fills in the same codes on every PC for customers that had none (from before 0011), once', async () => {
    const dir = tmpDir();
    const b = await Backend.open({ dir, create: true });
    for (let i = 0; i < 50; i++) await call(b, 'customers.create', { name: `客户${i}` });
    b.db.write('test.old', (w) => w.run('UPDATE customers SET code = NULL'));
    const filled = b.db.write('pc1', (w) => {
      assignMissingCodes(w);
      return codesOf(b);
    });
    b.db.write('test.old', (w) => w.run('UPDATE customers SET code = NULL'));
    const again = b.db.write('pc2', (w) => {
      assignMissingCodes(w);
      return codesOf(b);
    });
    expect(again).toEqual(filled);
    expect(new Set(filled.map((x) => x.code)).size).toBe(50);
    for (const x of filled) expect(x.code).toMatch(SHAPE);
    await b.close();
  });

  it('stays unique when two PCs add customers offline, and repairs two PCs that drew the same prefix', async () => {
    const hub = await startHub('embedded');
    const { token } = await hub.addBranch('石桥支局');
    const pc1 = await Backend.open({ dir: tmpDir('code-'), create: true });
    const pc2 = await Backend.open({ dir: tmpDir('code-'), create: true });
    try {
      await call(pc1, 'auth.setupAdmin', { login: 'boss', displayName: '站长', password: 'Strong-pass-2026' }, ADMIN);
      await call(pc1, 'sync.configure', { hubUrl: hub.url, token }, ADMIN);
      await call(pc1, 'sync.now', {});
      await call(pc2, 'sync.restore', { hubUrl: hub.url, token }, { actor: '未登录', role: 'carrier' });

      // Offline on both: each numbers under its own prefix.
      const first = [await call(pc1, 'customers.create', { name: '甲一' }), await call(pc1, 'customers.create', { name: '甲二' })];
      const second = [await call(pc2, 'customers.create', { name: '乙一' }), await call(pc2, 'customers.create', { name: '乙二' })];
      expect(first[0]!.code!.slice(0, 2)).not.toBe(second[0]!.code!.slice(0, 2));
      for (const pc of [pc1, pc2, pc1]) await call(pc, 'sync.now', {});
      const seen = codesOf(pc1);
      expect(codesOf(pc2)).toEqual(seen);
      expect(new Set(seen.map((x) => x.code)).size).toBe(4);

      // The rare case: the second PC drew the same prefix while apart (forced here).
      const prefix1 = first[0]!.code!.slice(0, 2);
      pc2.db.write('test.prefix', (w) => {
        w.run("UPDATE sync_state SET value = ? WHERE key = 'customer.codePrefix'", [prefix1]);
        w.run("UPDATE sync_state SET value = '2' WHERE key = 'customer.codeLast'");
      });
      const late1 = await call(pc1, 'customers.create', { name: '甲三' });
      const late2 = await call(pc2, 'customers.create', { name: '乙三' });
      expect(late2.code).toBe(late1.code);
      for (const pc of [pc1, pc2, pc1]) await call(pc, 'sync.now', {});
      // At its next start a PC gives the later of the two a new code, and draws itself a new prefix.
      await pc2.close();
      const pc2again = await Backend.open({ dir: pc2.db.dir });
      try {
        for (const pc of [pc2again, pc1, pc2again]) await call(pc, 'sync.now', {});
        const after = codesOf(pc1);
        expect(codesOf(pc2again)).toEqual(after);
        expect(new Set(after.map((x) => x.code)).size).toBe(after.length);
        expect(after.find((x) => x.id === late1.id)?.code).toBe(late1.code); // the first keeps it
        const next = await call(pc2again, 'customers.create', { name: '乙四' });
        expect(next.code!.slice(0, 2)).not.toBe(prefix1);
      } finally {
        await pc2again.close();
      }
    } finally {
      await pc1.close();
      await pc2.close();
      await hub.stop();
    }
  });

  it('is the 客户编号 of the customer export, and an exported file imported back updates instead of duplicating', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    const a = await call(b, 'customers.create', { name: '王五', phone: '13700137000' });
    const file = await call(b, 'customers.export', {}, ADMIN);
    const wb = XLSX.read(Buffer.from(file.dataBase64, 'base64'), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: false, defval: '' });
    expect(sheet[0]![0]).toBe('客户编号');
    expect(sheet[1]![0]).toBe(a.code);
    sheet[1]![1] = '王五（改）';
    const out = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(out, XLSX.utils.aoa_to_sheet(sheet), '客户档案');
    const { jobId } = await call(b, 'customers.importStart', {
      fileName: '回填.xlsx',
      dataBase64: (XLSX.write(out, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64'),
    });
    while ((await call(b, 'jobs.get', { id: jobId })).state === 'running') await new Promise((r) => setTimeout(r, 10));
    expect((await call(b, 'customers.importPreview', { jobId })).sample[0]!.match).toBe('客户编号相同');
    expect(await call(b, 'customers.importCommit', { jobId, onDuplicate: 'update' })).toMatchObject({ inserted: 0, updated: 1 });
    expect((await call(b, 'customers.get', { id: a.id })).name).toBe('王五（改）');
    await b.close();
  });
});
