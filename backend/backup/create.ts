/**
 * One backup, from an exported image to a verified file: seal, write (temp + fsync + rename), then read the file
 * back as a restore would — length, digest, every chunk's authentication, byte-for-byte equal to the image — and
 * open it as a database. A file that fails is removed: a backup that would not restore is worse than none,
 * because it looks like one.
 */
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import { checkDigest, openBody, readHeader, sealBackup, splitBody, type BackupBody, type BranchIdentity } from './format';
import { openImage } from './image';
import { makeSlots, type SealWith } from './keys';
import { nodeBackupFs, writeAtDestination, type BackupFs } from './write';

export interface BackupMeta {
  createdAt: Date;
  appVersion: string;
  schema: string;
  branch: BranchIdentity;
}

export interface CreateControl {
  progress(done: number, total: number, phase: string): void;
  /** Lets other calls run; throws when cancelled. */
  checkpoint(): Promise<void>;
}

export async function createBackup(
  body: BackupBody,
  meta: BackupMeta,
  seal: SealWith,
  dest: string,
  name: string,
  ctl: CreateControl,
  fsx: BackupFs = nodeBackupFs,
): Promise<{ path: string; bytes: number }> {
  const contentKey = crypto.randomBytes(32);
  const slots = makeSlots(contentKey, seal);
  const { total, parts } = sealBackup(
    body,
    { v: 1, createdAt: meta.createdAt.toISOString(), appVersion: meta.appVersion, schema: meta.schema, branch: meta.branch, slots },
    contentKey,
  );
  const file = await writeAtDestination(
    dest,
    name,
    parts,
    total,
    {
      progress: async (done, all) => {
        ctl.progress(done, all, '写入备份');
        await ctl.checkpoint();
      },
    },
    fsx,
  );
  try {
    await verifyBackup(file, contentKey, body, ctl);
  } catch (e) {
    await fsx.remove(file).catch(() => undefined);
    const why = e instanceof Error ? e.message : String(e);
    if (e instanceof AppError && e.message === '已取消') throw e;
    throw new AppError('STORAGE', `备份写入后读回校验失败（${why}）：该文件已删除，原有备份未受影响。U 盘或磁盘可能有问题，请换一个位置重试。`);
  }
  return { path: file, bytes: total };
}

export async function verifyBackup(file: string, contentKey: Buffer, written: BackupBody, ctl: CreateControl): Promise<void> {
  const read = await readHeader(file);
  await checkDigest(file, read, async (done, total) => {
    ctl.progress(done, total, '校验备份');
    await ctl.checkpoint();
  });
  const body = splitBody(read.header, await openBody(file, read, contentKey, () => ctl.checkpoint()));
  const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
  const archivesSame =
    body.archives.length === written.archives.length &&
    body.archives.every((a, i) => a.year === written.archives[i]!.year && same(a.image, written.archives[i]!.image));
  if (!same(body.image, written.image) || !archivesSame) throw new AppError('DAMAGED', '读回的内容与数据库不一致');
  ctl.progress(1, 1, '检查数据库');
  await ctl.checkpoint();
  for (const image of [body.image, ...body.archives.map((a) => a.image)]) (await openImage(image, undefined, { migrate: false })).close();
}
