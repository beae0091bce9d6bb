import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newKey } from '../../backend/db/cipher';
import { listGenerations, logName, snapshotName } from '../../backend/db/snapshotFile';
import { Backend } from '../../backend/host/backend';
import { crc32 } from '../../backend/util/crc32';
import { AppError } from '../../shared/errors';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const NAME = '独一无二的名字';

async function encryptedBranch() {
  const dir = tmpDir();
  const key = newKey();
  const b = await Backend.open({ dir, create: true, key });
  const c = await call(b, 'customers.create', { name: NAME, phone: '13812345678' });
  return { dir, key, b, c };
}

const filesOf = (dir: string) => fs.readdirSync(dir).map((f) => path.join(dir, f));
const digest = (dir: string) =>
  filesOf(dir)
    .map((f) => `${path.basename(f)}:${crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')}`)
    .sort();

async function openError(dir: string, key?: Buffer): Promise<AppError> {
  const e = await Backend.open({ dir, ...(key ? { key } : {}) }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('encryption at rest', () => {
  it('keeps snapshots and change-log records unreadable without the key', async () => {
    const { dir, key, b, c } = await encryptedBranch();
    b.db.abandon(); // the record exists only in the change log
    for (const f of filesOf(dir)) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(NAME))).toBe(false);
      expect(bytes.includes(Buffer.from('13812345678'))).toBe(false);
    }
    const again = await Backend.open({ dir, key });
    expect((await call(again, 'customers.get', { id: c.id })).name).toBe(NAME);
    await again.close(); // and now it is in an encrypted snapshot
    for (const f of filesOf(dir)) expect(fs.readFileSync(f).includes(Buffer.from(NAME))).toBe(false);
  });

  it('refuses to open without the key or with a wrong one, and changes no file', async () => {
    const { dir, b } = await encryptedBranch();
    await b.close();
    const before = digest(dir);
    expect((await openError(dir)).message).toContain('已加密');
    expect((await openError(dir, newKey())).message).toContain('密钥不正确');
    expect(digest(dir)).toEqual(before);
  });

  it('detects a tampered snapshot even when its checksum was recomputed, and never half-reads it', async () => {
    const { dir, key, b } = await encryptedBranch();
    await b.close();
    const { snapshots } = listGenerations(dir);
    for (const g of snapshots) {
      const file = path.join(dir, snapshotName(g));
      const bytes = fs.readFileSync(file);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 40) ^ 1, bytes.length - 40);
      // The tamperer recomputes the file's checksum too (CRC-32 in the current format); only GCM's tag is left.
      bytes.writeUInt32LE(crc32(bytes.subarray(48)), 16);
      fs.writeFileSync(file, bytes);
    }
    const e = await openError(dir, key);
    expect(e.code).toBe('DAMAGED');
    expect(e.message).toContain('校验失败');
  });

  it('refuses a change-log record that was altered (checksum recomputed) instead of replaying it', async () => {
    const { dir, key, b } = await encryptedBranch();
    const gen = b.db.generation;
    b.db.abandon();
    const file = path.join(dir, logName(gen));
    const bytes = fs.readFileSync(file);
    const len = bytes.readUInt32LE(0);
    bytes.writeUInt8(bytes.readUInt8(8 + len - 20) ^ 1, 8 + len - 20);
    bytes.writeUInt32LE(crc32(bytes.subarray(8, 8 + len)), 4);
    fs.writeFileSync(file, bytes);
    const e = await openError(dir, key);
    expect(e.code).toBe('DAMAGED');
    expect(e.message).toContain('被改动');
  });

  it('gives an administrator the recovery key, audited', async () => {
    const { key, b } = await encryptedBranch();
    await expect(call(b, 'security.recoveryKey', {})).rejects.toThrow('无权');
    expect(await call(b, 'security.recoveryKey', {}, { actor: 'root', role: 'admin' })).toEqual({ key: key.toString('base64') });
    expect((await call(b, 'audit.list', { action: 'security' }, { actor: 'root', role: 'admin' })).rows).toHaveLength(1);
    await b.close();
  });
});

describe('encrypted databases from the command line', () => {
  it('creates a key file and needs it for every later command', async () => {
    const { runCli } = await import('../../backend/cli/run');
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(
        argv,
        (t) => out.push(t),
        (t) => err.push(t),
      );
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const dir = tmpDir();
    const keyFile = path.join(dir, 'branch.key');
    const db = path.join(dir, 'db');
    expect((await run('key', 'create', '--out', keyFile)).code).toBe(0);
    expect(fs.statSync(keyFile).mode & 0o077).toBe(0);
    expect((await run('key', 'create', '--out', keyFile)).err).toContain('已存在');
    expect((await run('seed', '--db', db, '--villages', '2', '--customers', '20', '--key-file', keyFile)).code).toBe(0);
    expect(JSON.parse((await run('stats', '--db', db, '--json', '--key-file', keyFile)).out).customers).toBe(20);
    const without = await run('stats', '--db', db, '--json');
    expect(without.code).toBe(1);
    expect(without.err).toContain('已加密');
  });
});
