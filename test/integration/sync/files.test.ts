/**
 * Sync files for a branch with no line (issue 6 point 4; issue 9: sealed so they cannot be read, forged or
 * altered): the request/reply round trip has the same effect as an online sync.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { configureHub, syncOnline } from '../../../backend/sync/hubLink';
import { Hlc } from '../../../shared/hlc';
import { handleSyncFile } from '../../../server/files';
import { call } from '../../helpers/backend';
import { cli } from '../../helpers/cli';
import { startHub, type TestHub } from '../../helpers/hub';
import { tmpDir } from '../../helpers/tmp';

const ADMIN = { actor: '测试管理员', role: 'admin' as const };
const hubClock = () => new Hlc(`hubf${crypto.randomBytes(2).toString('hex')}`, Date.now);
const b64 = (f: { dataBase64: string }) => Buffer.from(f.dataBase64, 'base64');

describe('sync files', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub('embedded');
  }, 60_000);
  afterAll(async () => hub.stop(), 60_000);

  it('carry a branch’s changes to the hub and the hub’s reply back, sealed against reading and tampering', async () => {
    const { token } = await hub.addBranch('山村支局');
    const offline = await Backend.open({ dir: tmpDir('file-'), create: true });
    // The token can be entered with no line at all.
    await call(offline, 'sync.configure', { hubUrl: 'https://hub.invalid', token }, ADMIN);
    const c = await call(offline, 'customers.create', { name: '孙七', phone: '13800000021' });

    const request = await call(offline, 'sync.exportFile', {}, ADMIN);
    const sealed = b64(request);
    expect(sealed.toString('latin1')).not.toContain('13800000021');
    expect(sealed.toString('utf8')).not.toContain('孙七');

    // One flipped byte anywhere in the body and the hub refuses the file.
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 40]! ^= 0x01;
    await expect(handleSyncFile(hub.db, tampered, hubClock(), () => new Date())).rejects.toThrow(/校验失败/);
    // A file made with another branch's token is refused too.
    const other = await hub.addBranch('别的支局');
    const forger = await Backend.open({ dir: tmpDir('file-'), create: true });
    await call(forger, 'sync.configure', { hubUrl: 'https://hub.invalid', token: other.token }, ADMIN);
    const forged = b64(await call(forger, 'sync.exportFile', {}, ADMIN));
    const relabelled = Buffer.from(forged.toString('latin1').replace(other.id, token.split('.')[0]!), 'latin1');
    await expect(handleSyncFile(hub.db, relabelled, hubClock(), () => new Date())).rejects.toThrow(/校验失败/);

    const reply = await handleSyncFile(hub.db, sealed, hubClock(), () => new Date());
    // Handing the branch its own request back is caught with a clear message.
    await expect(call(offline, 'sync.importFile', { fileName: 'x.pbsync', dataBase64: sealed.toString('base64') }, ADMIN)).rejects.toThrow(
      /请导入市局返回的回执文件/,
    );
    const result = await call(offline, 'sync.importFile', { fileName: '回执.pbsync', dataBase64: reply.toString('base64') }, ADMIN);
    expect(result.pushed).toBeGreaterThan(0);
    expect((await call(offline, 'sync.status', {})).pending).toBe(0);
    // The same reply a second time could only roll values back: refused.
    await expect(call(offline, 'sync.importFile', { fileName: '回执.pbsync', dataBase64: reply.toString('base64') }, ADMIN)).rejects.toThrow(/已经导入过/);

    // Same effect as an online sync: a PC that is online sees the customer.
    const online = await Backend.open({ dir: tmpDir('file-'), create: true });
    configureHub(online.db, online.sync, { hubUrl: hub.url, token });
    await syncOnline(online.db, online.sync, () => new Date());
    expect((await call(online, 'customers.get', { id: c.id })).phone).toBe('13800000021');

    // Sync actions are in the audit log.
    const audit = await call(offline, 'audit.list', {}, ADMIN);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['sync.configure', 'sync.exportFile', 'sync.importFile']));
    for (const b of [offline, forger, online]) await b.close();
  });

  it('work from the command line: sync export, hub file, sync import', async () => {
    const { token } = await hub.addBranch('河湾支局');
    const dir = tmpDir('filecli-');
    const db = path.join(dir, 'db');
    expect((await cli('init', '--db', db, '--branch', '河湾支局')).code).toBe(0);
    expect((await cli('customer', 'add', '--db', db, '--name', '周八')).code).toBe(0);
    const b = await Backend.open({ dir: db });
    configureHub(b.db, b.sync, { hubUrl: 'https://hub.invalid', token });
    await b.close();
    const req = path.join(dir, 'req.pbsync');
    const out = await cli('sync', 'export', '--db', db, '--file', req, '--json');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.out).changes).toBeGreaterThan(0);
    const reply = path.join(dir, 'reply.pbsync');
    fs.writeFileSync(reply, await handleSyncFile(hub.db, fs.readFileSync(req), hubClock(), () => new Date()));
    const imported = await cli('sync', 'import', '--db', db, '--file', reply, '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ pulled: expect.any(Number), conflicts: 0 });
    const missing = await cli('sync', 'import', '--db', db, '--file', path.join(dir, 'nope.pbsync'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/无法读取/);
  });
});
