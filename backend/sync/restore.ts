/**
 * Disaster recovery: a new PC pulls its branch's whole database from the hub. It is offered without a log-in
 * (nobody has an account on a new PC yet), so it must never reach an installation in use: there the hub link
 * changes only through 设置 → 市局同步 by a logged-in administrator (sync.configure, audited). The one
 * exception is finishing a restore that was cut off after the accounts had arrived — allowed only with the very
 * same hub address and the whole token, which only the person who started it has.
 */
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { LocalDatabase } from '../db/localDatabase';
import { parseBranchToken } from '../../shared/node/branchToken';
import { configureHub, type HubSettings } from './hubLink';
import { normaliseHubUrl } from './httpTransport';
import { getSyncState, setSyncState, SYNC_KEYS } from './state';
import type { SyncService } from './syncService';

const sameSecret = (a: string, b: string): boolean => {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
};

/** Checks that this installation may be restored, marks it as being restored and points it at the hub. */
export function beginRestore(db: LocalDatabase, sync: SyncService, input: HubSettings): void {
  const state = db.read((r) => ({
    users: r.value<number>('SELECT count(*) FROM users') ?? 0,
    restoring: getSyncState(r, SYNC_KEYS.restoring) === '1',
    url: getSyncState(r, SYNC_KEYS.hubUrl),
    token: getSyncState(r, SYNC_KEYS.token),
  }));
  if (state.users > 0) {
    const resuming = state.restoring && state.url === normaliseHubUrl(input.hubUrl) && state.token !== null && sameSecret(state.token, input.token.trim());
    if (!resuming) {
      throw new AppError(
        'FORBIDDEN',
        '本机已有账号，不能在登录界面从市局恢复；恢复只用于新安装的电脑。如需更改市局地址或令牌，请管理员登录后在 设置 → 市局同步 中修改',
      );
    }
    return;
  }
  // Marked first, in its own durable write: accounts may arrive in any page of the pull.
  normaliseHubUrl(input.hubUrl);
  parseBranchToken(input.token);
  db.write('sync.restore.begin', (w) => setSyncState(w, SYNC_KEYS.restoring, '1'), { fromHub: true });
  try {
    configureHub(db, sync, input);
  } catch (e) {
    finishRestore(db);
    throw e;
  }
}

/** After the whole pull went through: from now on no pull writes accounts here. */
export function finishRestore(db: LocalDatabase): void {
  db.write('sync.restore.end', (w) => setSyncState(w, SYNC_KEYS.restoring, null), { fromHub: true });
}
