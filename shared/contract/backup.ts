/**
 * Backup and restore (数据备份/恢复), spread into shared/contract.ts. Upload, inspect and restore are public
 * because the first-start wizard restores before any account exists; the backend refuses them to anyone but a
 * signed-in administrator once accounts exist.
 */
import { z } from 'zod';
import type { BackupInspection, BackupStatus, RestoreResult } from '../backup';
import { none, op } from '../contractOp';
import { entityId } from '../schemas';

const intIn = (what: string, min: number, max: number) => {
  const error = `${what}应为 ${min}–${max} 之间的整数`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const source = z.union([
  z.object({ path: z.string().trim().min(1, { error: '请选择备份文件' }).max(1000) }).strict(),
  z.object({ uploadId: entityId }).strict(),
]);

const credentials = {
  password: z.string().max(128).optional(),
  /** The data folder's key (恢复密钥) as base64 or hex text. */
  key: z.string().trim().max(200).optional(),
};

/** 4 MB of file per upload call keeps each request well under the browser-mode body limit. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

export const backupOps = {
  'backup.status': op<BackupStatus>()({ input: none, write: false, roles: ['admin'] }),
  'backup.configure': op<BackupStatus>()({
    input: z
      .object({
        destination: z.string({ error: '请填写备份位置' }).trim().min(1, { error: '请填写备份位置' }).max(500, { error: '路径过长' }),
        intervalHours: intIn('自动备份间隔（小时）', 0, 168),
        keepDaily: intIn('保留的每日备份数', 1, 60),
        keepWeekly: intIn('保留的每周备份数', 0, 52),
        /** The administrator's own log-in password: seals the backups so it alone can restore them elsewhere. */
        password: z.string().max(128).optional(),
      })
      .strict(),
    write: true,
    roles: ['admin'],
  }),
  /** 立即备份: a job (jobs.get for progress, jobs.cancel to stop). */
  'backup.start': op<{ jobId: string }>()({ input: none, write: true, roles: ['admin'] }),
  'backup.upload': op<{ uploadId: string; bytes: number }>()({
    input: z
      .object({
        uploadId: entityId.nullable(),
        offset: z.number().int().min(0),
        dataBase64: z
          .string()
          .min(1, { error: '文件是空的' })
          .max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
      })
      .strict(),
    write: true,
    public: true,
  }),
  'backup.inspect': op<BackupInspection>()({ input: z.object({ source, ...credentials }).strict(), write: false, public: true }),
  'backup.restore': op<RestoreResult>()({
    input: z.object({ source, ...credentials, confirmToken: z.string().min(1, { error: '请先检查备份并确认' }).max(200) }).strict(),
    write: true,
    public: true,
  }),
} as const;
