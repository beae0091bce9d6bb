import type { AuditAction } from '../../../shared/auditText';
import { audit } from '../../auth/audit';
import { exportSyncFile, importSyncReply } from '../../sync/branchFiles';
import { listConflicts, resolveConflict } from '../../sync/conflicts';
import { configureHub } from '../../sync/hubLink';
import { beginRestore, finishRestore } from '../../sync/restore';
import { setSyncState, SYNC_KEYS } from '../../sync/state';
import { syncStatus } from '../../sync/status';
import type { HandlerDeps, HandlerGroup } from './deps';

export function syncHandlers({ db, sync, syncRunner }: HandlerDeps): HandlerGroup<'sync.'> {
  const status = () => syncStatus(db, sync, syncRunner);
  // Kept out of the outbox: were the record of a sync queued for the hub, every sync would leave one change
  // waiting and 待同步 would never reach 0. The hub keeps its own history of what each branch sent.
  const auditSync = (ctx: Parameters<typeof audit>[1], action: AuditAction, details?: unknown) =>
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
      beginRestore(db, sync, input);
      const r = await syncRunner.runNow();
      finishRestore(db);
      auditSync({ ...ctx, actor: '系统恢复' }, 'sync.restore', r);
      return { ...r, branchName: status().branchName };
    },
  };
}
