/**
 * Hostile backup files and requests: a header asking scrypt for gigabytes, an upload id that walks the file
 * system, a restore without having inspected, an anonymous caller once accounts exist.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/host/backend';
import { AppError } from '../../shared/errors';
import { call } from '../helpers/backend';
import { ADMIN, ADMIN_LOGIN, backupNow, configure, openBranch } from '../helpers/backup';
import { tmpDir } from '../helpers/tmp';

const open: Backend[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close().catch(() => undefined);
});

async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

async function aBackup(): Promise<{ b: Backend; file: string }> {
  const b = await openBranch();
  open.push(b);
  await configure(b, tmpDir('pbbak-sec-'));
  expect((await backupNow(b)).state).toBe('done');
  return { b, file: (await call(b, 'backup.status', {}, ADMIN)).files[0]!.path };
}

/** The same file with its readable header rewritten, lengths and trailing digest made consistent again. */
function withHeader(file: string, edit: (h: Record<string, unknown>) => void): string {
  const bytes = fs.readFileSync(file);
  const len = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.subarray(12, 12 + len).toString('utf8')) as Record<string, unknown>;
  edit(header);
  const raw = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.from(bytes.subarray(0, 12));
  prefix.writeUInt32LE(raw.length, 8);
  const out = path.join(path.dirname(file), `edited-${Date.now()}.pbbak`);
  const whole = Buffer.concat([prefix, raw, bytes.subarray(12 + len)]);
  crypto
    .createHash('sha256')
    .update(whole.subarray(0, whole.length - 36))
    .digest()
    .copy(whole, whole.length - 32);
  fs.writeFileSync(out, whole);
  return out;
}

describe('hostile backups', () => {
  it('refuses scrypt parameters that would exhaust memory, before running scrypt', async () => {
    const { file } = await aBackup();
    const evil = withHeader(file, (h) => {
      for (const s of h['slots'] as { kind: string; kdf?: { N: number } }[]) if (s.kdf) s.kdf.N = 2 ** 30;
    });
    const fresh = await openBranch({ customers: 0 });
    open.push(fresh);
    const started = Date.now();
    const e = await refused(call(fresh, 'backup.inspect', { source: { path: evil }, password: ADMIN_LOGIN.password }, ADMIN));
    expect(e.message).toContain('密码参数无效');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a header that claims another branch when the chunks say otherwise', async () => {
    const { b, file } = await aBackup();
    const evil = withHeader(file, (h) => {
      (h['branch'] as { name: string }).name = '别的网点';
    });
    const e = await refused(call(b, 'backup.inspect', { source: { path: evil } }, ADMIN));
    expect(e.code).toBe('DAMAGED');
    expect(e.message).toContain('解密校验失败');
  });

  it('an upload id cannot name a file outside the uploads', async () => {
    const { b } = await aBackup();
    for (const uploadId of ['../../etc/passwd', '00000000-0000-0000-0000-000000000000']) {
      expect((await refused(call(b, 'backup.inspect', { source: { uploadId } }, ADMIN))).code).toBe('NOT_FOUND');
    }
    const bad = await refused(call(b, 'backup.upload', { uploadId: null, offset: 5, dataBase64: 'AAAA' }, ADMIN));
    expect(bad.message).toContain('从文件开头开始');
  });

  it('a restore needs the token of an inspection of this very state', async () => {
    const { b, file } = await aBackup();
    const e = await refused(call(b, 'backup.restore', { source: { path: file }, confirmToken: 'guessed' }, ADMIN));
    expect(e.code).toBe('CONFLICT');
  });

  it('no one signed in may upload, inspect or restore once accounts exist', async () => {
    const { b, file } = await aBackup();
    for (const [op, input] of [
      ['backup.upload', { uploadId: null, offset: 0, dataBase64: 'AAAA' }],
      ['backup.inspect', { source: { path: file } }],
      ['backup.restore', { source: { path: file }, confirmToken: 'x' }],
    ] as const) {
      const env = await b.call(op, input, { token: null });
      expect(env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const clerk = await b.call('backup.status', {}, { actor: 'clerk', role: 'clerk' });
    expect(clerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
