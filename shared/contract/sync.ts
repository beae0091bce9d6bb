/** Contract entries of sync with the city hub (issue 6), spread into the one contract in shared/contract.ts. */
import { z } from 'zod';
import type { FileDownload } from '../domain';
import type { SyncConflictView, SyncRunResult, SyncStatus } from '../sync';
import { none, op, staff } from '../contractOp';
import { entityId } from '../schemas';

const hubUrl = z.string({ error: '请填写市局服务器地址' }).trim().min(1, { error: '请填写市局服务器地址' }).max(300);
const token = z.string({ error: '请填写网点令牌' }).trim().min(1, { error: '请填写网点令牌' }).max(200);

export const syncOps = {
  'sync.status': op<SyncStatus>()({ input: none, write: false }),
  'sync.configure': op<SyncStatus>()({
    input: z
      .object({
        hubUrl,
        token,
        intervalMinutes: z
          .number({ error: '间隔应为分钟数' })
          .int({ error: '间隔应为整数分钟' })
          .min(1, { error: '间隔至少 1 分钟' })
          .max(1440, { error: '间隔最多 1440 分钟（一天）' })
          .optional(),
      })
      .strict(),
    write: true,
    roles: ['admin'],
  }),
  'sync.setInterval': op<SyncStatus>()({
    input: z.object({ intervalMinutes: z.number().int().min(1, { error: '间隔至少 1 分钟' }).max(1440, { error: '间隔最多 1440 分钟（一天）' }) }).strict(),
    write: true,
    roles: ['admin'],
  }),
  /** Sync now (立即同步); joins a run already under way. */
  'sync.now': op<SyncRunResult>()({ input: none, write: true }),
  /** The outbox as a sealed file for a branch with no line. */
  'sync.exportFile': op<FileDownload>()({ input: none, write: true, roles: staff }),
  /** The hub's reply file. */
  'sync.importFile': op<SyncRunResult>()({
    input: z.object({ fileName: z.string().max(255), dataBase64: z.string().min(1, { error: '文件是空的' }) }).strict(),
    write: true,
    roles: staff,
  }),
  'sync.conflicts': op<SyncConflictView[]>()({
    input: z.object({ includeResolved: z.boolean().default(false) }).strict(),
    write: false,
    roles: ['admin', 'supervisor', 'clerk'],
  }),
  'sync.resolveConflict': op<SyncConflictView>()({
    input: z.object({ id: entityId, choice: z.enum(['keep', 'restore'], { error: '请选择保留现值或恢复被覆盖的值' }) }).strict(),
    write: true,
    roles: ['admin', 'supervisor'],
  }),
  /**
   * Disaster recovery on a new installation: with the hub address and the branch token, pull the branch's
   * whole database. Public (no account exists yet), and refused once the installation has accounts.
   */
  'sync.restore': op<SyncRunResult & { branchName: string | null }>()({ input: z.object({ hubUrl, token }).strict(), write: true, public: true }),
} as const;
