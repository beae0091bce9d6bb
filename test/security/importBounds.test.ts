/**
 * Finding 5a: reading a file had no bound. A 270 KB .xlsx of a million rows took 48 s and 2.2 GB; a 2 MB zip
 * bomb (632 MB of sheet XML) ran to 2.7 GB before failing with a misleading "没有任何数据". The attack files
 * are built here, byte by byte, and each must be refused quickly, in Chinese, before memory grows.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { syncFileKey } from '../../shared/node/branchToken';
import { handleSyncFile } from '../../server/files';
import { runHubCli } from '../../server/main';
import { Hlc } from '../../shared/hlc';
import type { JobStatus } from '../../shared/domain';
import { call } from '../helpers/backend';
import { xlsxOf } from '../helpers/sheets';
import { startHub, type TestHub } from '../helpers/hub';
import { tmpDir } from '../helpers/tmp';
import { repeatedEntry, SHEET_HEAD, SHEET_TAIL, xlsxWithSheet, type ZipEntry } from '../helpers/zip';

const ADMIN = { actor: '测试管理员', role: 'admin' as const };
const MB = 1024 * 1024;

const HEADER_ROW = '<row><c t="inlineStr"><is><t>姓名</t></is></c><c t="inlineStr"><is><t>身份证号</t></is></c><c t="inlineStr"><is><t>手机</t></is></c></row>';
const DATA_ROW =
  '<row><c t="inlineStr"><is><t>张三</t></is></c><c t="inlineStr"><is><t>370101198001011000</t></is></c><c t="inlineStr"><is><t>13800138000</t></is></c></row>';

/** 1,000,000 data rows under a header: about 440 KB on disk. */
const millionRows = () => repeatedEntry('xl/worksheets/sheet1.xml', SHEET_HEAD + HEADER_ROW, DATA_ROW.repeat(1000), 1000, SHEET_TAIL);
/** 660 MB of empty rows in about 1.3 MB. */
const bombSheet = () => repeatedEntry('xl/worksheets/sheet1.xml', SHEET_HEAD + HEADER_ROW, '<row></row>'.repeat(100_000), 600, SHEET_TAIL);

const rssMb = () => process.memoryUsage().rss / MB;
/** The process's peak so far: it catches a peak reached inside synchronous work, where no sampler can run. */
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Starts an import job through the contract and waits for it to end; returns its final status. */
async function importJob(b: Backend, op: 'customers.importStart' | 'usage.importStart', fileName: string, bytes: Buffer): Promise<JobStatus> {
  const input =
    op === 'usage.importStart' ? { fileName, dataBase64: bytes.toString('base64'), line: '储蓄' } : { fileName, dataBase64: bytes.toString('base64') };
  const { jobId } = await call(b, op, input as never);
  for (;;) {
    const s = await call(b, 'jobs.get', { id: jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs `attack`, and checks it was refused with `message`, within `seconds`, and without `maxGrowthMb` more memory. */
async function refusedQuickly(attack: () => Promise<JobStatus>, message: RegExp, seconds = 10, maxGrowthMb = 300): Promise<void> {
  const before = rssMb();
  const peakBefore = maxRssMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / MB)), 5);
  const started = Date.now();
  try {
    const s = await attack();
    expect(s.state).toBe('failed');
    expect(s.error?.message).toMatch(message);
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, rssMb());
  // A new peak for the process was reached during the attack: that is how high it went.
  if (maxRssMb() > peakBefore) peak = Math.max(peak, maxRssMb());
  expect((Date.now() - started) / 1000).toBeLessThan(seconds);
  expect(peak - before).toBeLessThan(maxGrowthMb);
}

describe('import files are bounded before they are read', () => {
  let b: Backend;
  beforeAll(async () => {
    b = await Backend.open({ dir: tmpDir('bounds-'), create: true });
  });
  afterAll(async () => b.close());

  it('refuses a 1,000,000-row .xlsx of a few hundred KB by its row count, in seconds', async () => {
    const file = xlsxWithSheet(millionRows());
    expect(file.length).toBeLessThan(MB);
    await refusedQuickly(() => importJob(b, 'customers.importStart', '百万行.xlsx', file), /文件过大.*行.*请分批导入/);
    await refusedQuickly(() => importJob(b, 'usage.importStart', '百万行.xlsx', file), /文件过大.*行.*请分批导入/);
  });

  it('refuses a zip bomb by the uncompressed size its directory declares', async () => {
    const file = xlsxWithSheet(bombSheet());
    expect(file.length).toBeLessThan(2 * MB);
    await refusedQuickly(() => importJob(b, 'customers.importStart', '炸弹.xlsx', file), /文件过大.*MB.*请分批导入/);
    await refusedQuickly(() => importJob(b, 'usage.importStart', '炸弹.xlsx', file), /文件过大.*MB.*请分批导入/);
  });

  // SheetJS sizes what it inflates by the directory, so this one would be read cut short rather than in full:
  // refused as damaged, at the first piece that goes past what the directory says.
  it('refuses a zip bomb whose directory lies about the size', async () => {
    // Blank space between the rows: no row or cell to count, only bytes.
    const blank = repeatedEntry('xl/worksheets/sheet1.xml', SHEET_HEAD + HEADER_ROW, ' '.repeat(MB), 600, DATA_ROW + SHEET_TAIL);
    const lying: ZipEntry = { ...blank, declaredSize: 4096 };
    await refusedQuickly(() => importJob(b, 'customers.importStart', '说谎的炸弹.xlsx', xlsxWithSheet(lying)), /文件已损坏/);
  });

  it('refuses a CSV of a million lines, and one line of millions of cells', async () => {
    const lines = Buffer.from('姓名,手机\r\n' + '张三,13800138000\r\n'.repeat(1_000_000), 'utf8');
    await refusedQuickly(() => importJob(b, 'customers.importStart', '百万行.csv', lines), /文件过大.*行.*请分批导入/);
    const wide = Buffer.from('姓名,' + 'a,'.repeat(8_000_000), 'utf8');
    await refusedQuickly(() => importJob(b, 'usage.importStart', '一行.csv', wide), /文件过大.*请分批导入/);
  });

  it('counts a table saved as HTML under an .xls name by its tags, not its lines', async () => {
    const html = Buffer.from(
      '<html><body><table><tr><td>姓名</td><td>手机</td></tr>' + '<tr><td>张三</td><td>13800138000</td></tr>'.repeat(200_000) + '</table></body></html>',
      'utf8',
    );
    await refusedQuickly(() => importJob(b, 'customers.importStart', '网页导出.xls', html), /文件过大.*行.*请分批导入/);
  });

  it('still reads ordinary files, a 20,000-row workbook among them', async () => {
    const ok = Buffer.from('姓名,手机\r\n张三,13800138000\r\n', 'utf8');
    expect((await importJob(b, 'customers.importStart', '名单.csv', ok)).state).toBe('done');
    const rows: (string | number)[][] = [['黄河涯镇客户名单'], [], ['序号', '姓名', '身份证号', '手机', '村', '住址', '户类型', '授权']];
    for (let i = 0; i < 20_000; i++) rows.push([i + 1, `张${i}`, '', `138${String(i).padStart(8, '0')}`, '东风村', `中心街${i}号`, '种植大户', '是']);
    const s = await importJob(b, 'customers.importStart', '两万行.xlsx', xlsxOf(rows));
    expect(s.error?.message ?? '').toBe('');
    expect(s.state).toBe('done');
  });
});

describe('the hub’s campaign list is bounded', () => {
  async function hubCli(...argv: string[]): Promise<{ code: number; err: string }> {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
    try {
      return { code: await runHubCli(argv), err: errors.join('\n') };
    } finally {
      spy.mockRestore();
    }
  }

  it('refuses a list of too many lines or megabytes before issuing anything', async () => {
    const dir = tmpDir('hublist-');
    const lines = path.join(dir, 'lines.csv');
    fs.writeFileSync(lines, '网点名称,客户编号\n' + '山村支局,c1\n'.repeat(600_000));
    const big = path.join(dir, 'big.csv');
    fs.writeFileSync(big, Buffer.alloc(40 * MB, 0x20));
    for (const [file, message] of [
      [lines, /文件过大.*行/],
      [big, /文件过大.*MB/],
    ] as const) {
      const started = Date.now();
      const r = await hubCli('campaign', 'add', '--name', '专项', '--channels', 'door', '--list', file, '--data-dir', path.join(dir, 'hub'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });
});

/**
 * The sync file's body is gzip inside AES-GCM; gunzip had no bound. Whoever holds the branch token (the branch
 * itself, or a thief of it) could hand the hub or a PC a small file that inflates past what memory holds.
 */
describe('sync files are bounded when inflated', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub('embedded');
  }, 60_000);
  afterAll(async () => hub.stop(), 60_000);

  /** A sealed sync file (same layout as backend/sync/syncFile.ts) whose gzip body inflates to `mb` MB. */
  function gzipBombFile(token: string, branchId: string, kind: 'request' | 'reply', mb: number): Buffer {
    const chunk = Buffer.alloc(MB, 0x20);
    const full = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
    const block = zlib.deflateRawSync(chunk, full);
    const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]), zlib.deflateRawSync(Buffer.from('{"kind":"'), full)];
    let crc = zlib.crc32('{"kind":"');
    for (let i = 0; i < mb; i++) {
      parts.push(block);
      crc = zlib.crc32(chunk, crc);
    }
    parts.push(zlib.deflateRawSync(Buffer.from('"}')));
    crc = zlib.crc32('"}', crc);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE((mb * MB + 11) >>> 0, 4);
    parts.push(trailer);
    const gz = Buffer.concat(parts);
    const magic = Buffer.from('PBSYNC1\n');
    const head = Buffer.from(`${JSON.stringify({ branchId, kind, createdAt: new Date().toISOString() })}\n`);
    const nonce = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', syncFileKey(token), nonce);
    c.setAAD(Buffer.concat([magic, head]));
    return Buffer.concat([magic, head, nonce, c.update(gz), c.final(), c.getAuthTag()]);
  }

  it('the hub refuses a request file that inflates to 600 MB, quickly and in Chinese', async () => {
    const { id, token } = await hub.addBranch('炸弹支局');
    const file = gzipBombFile(token, id, 'request', 600);
    expect(file.length).toBeLessThan(2 * MB);
    const clock = new Hlc('hubbomb', Date.now);
    await refusedQuickly(
      async () => {
        try {
          await handleSyncFile(hub.db, file, clock, () => new Date());
          return { id: '', kind: '', state: 'done', phase: '', done: 0, total: 0 };
        } catch (e) {
          return { id: '', kind: '', state: 'failed', phase: '', done: 0, total: 0, error: { code: 'VALIDATION', message: (e as Error).message } };
        }
      },
      /同步文件过大/,
      15,
      400,
    );
  });

  it('a branch refuses such a reply file through sync.importFile', async () => {
    const { id, token } = await hub.addBranch('炸弹支局二');
    const b = await Backend.open({ dir: tmpDir('bomb-'), create: true });
    await call(b, 'sync.configure', { hubUrl: 'https://hub.invalid', token }, ADMIN);
    const file = gzipBombFile(token, id, 'reply', 600);
    await refusedQuickly(
      async () => {
        const env = await b.call('sync.importFile', { fileName: '回执.pbsync', dataBase64: file.toString('base64') }, ADMIN);
        return env.ok
          ? { id: '', kind: '', state: 'done', phase: '', done: 0, total: 0 }
          : { id: '', kind: '', state: 'failed', phase: '', done: 0, total: 0, error: env.error };
      },
      /同步文件过大/,
      15,
      400,
    );
    await b.close();
  });
});
