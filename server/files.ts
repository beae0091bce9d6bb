/** The hub's side of a sync file: apply the request's pushes, then answer with everything to pull. */
import crypto from 'node:crypto';
import { AppError } from '../shared/errors';
import type { Hlc } from '../shared/hlc';
import { parsePushRequest, type SyncFileReply, type SyncFileRequest } from '../shared/syncProtocol';
import { openSyncFile, readSyncFileHeader, sealSyncFile } from '../shared/node/syncFile';
import { fileKeyOf } from './branches';
import type { HubDb } from './db';
import { HubError } from './errors';
import { pullPage } from './pull';
import { applyPush } from './push';

/** A key no branch has; a file opened with it fails authentication like a forged one. */
const DECOY_KEY = crypto.randomBytes(32);

export async function handleSyncFile(db: HubDb, file: Buffer, clock: Hlc, now: () => Date): Promise<Buffer> {
  let header;
  try {
    header = readSyncFileHeader(file).header;
  } catch (e) {
    throw new HubError(400, 'VALIDATION', e instanceof Error ? e.message : String(e));
  }
  if (header.kind !== 'request') throw new HubError(400, 'VALIDATION', '这是市局的回执文件，应在网点导入，不是交给市局');
  // An unknown or disabled branch gets the answer, and costs the work, of a file sealed with the wrong key:
  // otherwise the reply would tell anyone which branch ids exist.
  const found = await fileKeyOf(db, header.branchId);
  let request: SyncFileRequest;
  try {
    request = openSyncFile<SyncFileRequest>(found?.key ?? DECOY_KEY, file).body;
  } catch (e) {
    throw new HubError(400, 'VALIDATION', e instanceof AppError ? e.message : '同步文件无法读取');
  }
  if (!found) throw new HubError(400, 'VALIDATION', '同步文件无法读取');
  const { branch, key } = found;
  const reply: SyncFileReply = {
    kind: 'reply',
    branchId: branch.id,
    createdAt: now().toISOString(),
    requestCreatedAt: request.createdAt,
    since: request.since,
    push: { applied: 0, duplicates: 0, rejected: [], conflicts: 0, hlc: null },
    acked: [],
    pulls: [],
  };
  for (const raw of request.pushes) {
    const r = await applyPush(db, branch, parsePushRequest(raw), clock, now);
    reply.push.applied += r.applied;
    reply.push.duplicates += r.duplicates;
    reply.push.conflicts += r.conflicts;
    reply.push.rejected.push(...r.rejected);
    reply.push.hlc = r.hlc;
    reply.acked.push(...r.acked);
  }
  let since = request.since;
  for (;;) {
    const page = await pullPage(db, branch, since, undefined, request.pushes[0]?.node);
    reply.pulls.push(page);
    since = page.cursor;
    if (!page.more) break;
  }
  return sealSyncFile(key, { branchId: branch.id, kind: 'reply', createdAt: reply.createdAt }, reply);
}
