/**
 * The branch's side of sync files. Export seals the whole outbox and the cursor into a request file; import
 * opens the hub's reply, drops exactly the acknowledged outbox entries and applies the pulled pages — the
 * same steps an online sync takes. A reply is accepted only for the cursor its request was made at, so an
 * old reply imported again (or after an online sync) can never roll values back.
 */
import { AppError } from '../../shared/errors';
import type { SyncFileReply, SyncFileRequest } from '../../shared/syncProtocol';
import type { LocalDatabase } from '../db/localDatabase';
import { parseBranchToken, syncFileKey } from '../../shared/node/branchToken';
import { recordOutcome } from './hubLink';
import { getSyncState, SYNC_KEYS } from './state';
import { openSyncFile, readSyncFileHeader, sealSyncFile } from '../../shared/node/syncFile';
import type { SyncRunResult, SyncService } from './syncService';

function tokenOf(db: LocalDatabase): string {
  const token = db.read((r) => getSyncState(r, SYNC_KEYS.token));
  if (!token) throw new AppError('VALIDATION', '尚未设置网点令牌：请先在 设置 中填写市局发放的网点令牌（没有网络也可以填写）');
  return token;
}

export function exportSyncFile(db: LocalDatabase, sync: SyncService, now: Date): { fileName: string; data: Buffer; changes: number } {
  const token = tokenOf(db);
  const { branchId } = parseBranchToken(token);
  const pushes = sync.outboxBatches();
  const request: SyncFileRequest = { kind: 'request', branchId, createdAt: now.toISOString(), pushes, since: sync.currentCursor };
  const data = sealSyncFile(syncFileKey(token), { branchId, kind: 'request', createdAt: request.createdAt }, request);
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return { fileName: `同步请求_${branchId}_${stamp}.pbsync`, data, changes: pushes.reduce((n, p) => n + p.changes.length, 0) };
}

export function importSyncReply(db: LocalDatabase, sync: SyncService, file: Buffer, now: Date): SyncRunResult {
  const token = tokenOf(db);
  const { branchId } = parseBranchToken(token);
  const { header } = readSyncFileHeader(file);
  if (header.kind !== 'reply') throw new AppError('VALIDATION', '这是本网点导出的同步请求文件，应交给市局处理；请导入市局返回的回执文件');
  if (header.branchId !== branchId) throw new AppError('VALIDATION', `这个回执文件属于另一个网点（${header.branchId}），不是本网点的`);
  const reply = openSyncFile<SyncFileReply>(syncFileKey(token), file).body;
  if (reply.since !== sync.currentCursor) {
    throw new AppError(
      'CONFLICT',
      reply.since < sync.currentCursor
        ? '这个回执已经导入过，或在它之后本网点已经同步过，内容已过时；如需再次同步，请重新导出同步请求文件'
        : '这个回执与本网点的同步进度对不上（可能是另一台电脑的），请重新导出同步请求文件',
    );
  }
  sync.acknowledge(reply.acked, reply.push.rejected, reply.push.hlc);
  const result: SyncRunResult = { pushed: reply.push.applied + reply.push.duplicates, pulled: 0, conflicts: 0, rejected: reply.push.rejected.length };
  for (const page of reply.pulls) {
    const applied = sync.applyPage(page.rows, page.cursor, page.branch);
    result.pulled += page.rows.length;
    result.conflicts += applied.conflictsReceived;
  }
  recordOutcome(db, now, null);
  return result;
}
