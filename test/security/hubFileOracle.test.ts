/**
 * Finding 5d: the hub's /v1/file answered 404 for a sync file naming an unknown branch and 400 for a known
 * branch's id with the wrong key, so anyone could list which branch ids exist. Both must now get the same
 * status and body, by the same work (no timing difference worth measuring).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newBranchToken, syncFileKey } from '../../shared/node/branchToken';
import { sealSyncFile } from '../../shared/node/syncFile';
import { HUB_KINDS, startHub, type TestHub } from '../helpers/hub';

/** A well-formed request file for `branchId`, sealed with a key that is not that branch's. */
function forged(branchId: string): Buffer {
  const createdAt = new Date().toISOString();
  const key = syncFileKey(newBranchToken(branchId));
  return sealSyncFile(key, { branchId, kind: 'request', createdAt }, { kind: 'request', branchId, createdAt, pushes: [], since: 0 });
}

async function postFile(url: string, body: Buffer): Promise<{ status: number; body: string; ms: number }> {
  const started = process.hrtime.bigint();
  const res = await fetch(`${url}/v1/file`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/octet-stream' } });
  const text = await res.text();
  return { status: res.status, body: text, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const kind of HUB_KINDS) {
  describe(`/v1/file tells no one which branches exist (${kind})`, () => {
    let hub: TestHub;
    let known: string;
    beforeAll(async () => {
      hub = await startHub(kind);
      known = (await hub.addBranch('已登记支局')).id;
    }, 60_000);
    afterAll(async () => hub?.stop(), 60_000);

    it('an unknown branch and a known one with the wrong key get the same answer', async () => {
      const unknown = `b${crypto.randomBytes(6).toString('hex')}`;
      const a = await postFile(hub.url, forged(unknown));
      const b = await postFile(hub.url, forged(known));
      expect(a.status).toBe(b.status);
      expect(a.body).toBe(b.body);
      expect(a.status).toBe(400);
      expect(a.body).not.toContain(unknown);
      expect((JSON.parse(a.body) as { error: { message: string } }).error.message).toMatch(/同步文件/);
    });

    it('and take about as long', async () => {
      const unknownFile = forged(`b${crypto.randomBytes(6).toString('hex')}`);
      const knownFile = forged(known);
      for (let i = 0; i < 5; i++) await Promise.all([postFile(hub.url, unknownFile), postFile(hub.url, knownFile)]);
      const times = { unknown: [] as number[], known: [] as number[] };
      for (let i = 0; i < 30; i++) {
        times.unknown.push((await postFile(hub.url, unknownFile)).ms);
        times.known.push((await postFile(hub.url, knownFile)).ms);
      }
      const [mu, mk] = [median(times.unknown), median(times.known)];
      expect(Math.abs(mu - mk)).toBeLessThan(0.5 * Math.max(mu, mk) + 5);
    });
  });
}
