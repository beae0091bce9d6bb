import { AppError } from '../../../shared/errors';
import { audit } from '../../auth/audit';
import { exportSyncFile, importSyncReply } from '../../sync/branchFiles';
import { listConflicts, resolveConflict } from '../../sync/conflicts';
import { configureHub } from '../../sync/hubLink';
import { getSyncState, setSyncState, SYNC_KEYS } from '../../sync/state';
import { syncStatus } from '../../sync/status';
import type { HandlerDeps, HandlerGroup } from './deps';

export function syncHandlers({ db, sync, syncRunner }: HandlerDeps): HandlerGroup<'sync.'> {
  const status = () => syncStatus(db, sync, syncRunner);
  // Kept out of the outbox: were the record of a sync queued for the hub, every sync would leave one change
  // waiting and 待同步 would never reach 0. The hub keeps its own history of what each branch sent.
  const auditSync = (ctx: Parameters<typeof audit>[1], action: string, details?: unknown) =>
    db.write(action, (w) => audit(w, ctx, action, 'sync', [], details), { fromHub: true });
  return {
    'sync.status': status,
    'sync.configure': (input, ctx) => {
      const { queued } = configureHub(db, sync, input);
      auditSync(ctx, 'sync.configure', { hubUrl: input.hubUrl, queued });
      // First contact right away, in the background: the page polls the status.
      syncRunner.runNow().catch(() => undefined);
      return status();
    },
    'sync.setInterval': (input, ctx) => {
      db.write('sync.setInterval', (w) => setSyncState(w, SYNC_KEYS.interval, String(input.intervalMinutes)), { fromHub: true });
      auditSync(ctx, 'sync.setInterval', input);
      return status();
    },
    'sync.now': async (_input, ctx) => {
      const r = await syncRunner.runNow();
      auditSync(ctx, 'sync.run', r);
      return r;
    },
    'sync.exportFile': (_input, ctx) => {
      const f = exportSyncFile(db, sync, ctx.now);
      auditSync(ctx, 'sync.exportFile', { fileName: f.fileName, changes: f.changes });
      return { fileName: f.fileName, dataBase64: f.data.toString('base64') };
    },
    'sync.importFile': (input, ctx) => {
      const r = importSyncReply(db, sync, Buffer.from(input.dataBase64, 'base64'), ctx.now);
      auditSync(ctx, 'sync.importFile', { fileName: input.fileName, ...r });
      return r;
    },
    'sync.conflicts': (input) => db.read((r) => listConflicts(r, input.includeResolved)),
    'sync.resolveConflict': (input, ctx) =>
      db.write('sync.resolveConflict', (w) => {
        const v = resolveConflict(w, ctx, input.id, input.choice);
        audit(w, ctx, 'sync.resolveConflict', v.table, [v.rowId], { field: v.field, choice: input.choice });
        return v;
      }),
    'sync.restore': async (input, ctx) => {
      const users = db.read((r) => r.value<number>('SELECT count(*) FROM users') ?? 0);
      // A restore cut off after the accounts arrived may be retried with the same branch; anything else
      // with accounts is an installation in use, which a restore must not mix with another branch's data.
      const branchId = db.read((r) => getSyncState(r, SYNC_KEYS.branchId));
      const resuming = branchId !== null && input.token.trim().startsWith(`${branchId}.`);
      if (users > 0 && !resuming) throw new AppError('CONFLICT', '本机已有用户和数据，不能再从市局恢复；恢复只用于新安装的电脑');
      configureHub(db, sync, input);
      const r = await syncRunner.runNow();
      auditSync({ ...ctx, actor: '系统恢复' }, 'sync.restore', r);
      return { ...r, branchName: status().branchName };
    },
  };
}
