import { describe, expect, it } from 'vitest';
import type { BackupFileInfo } from '../../shared/backup';
import { backupFileName } from '../../shared/backup';
import { checkBackupFile } from '../../renderer/src/components/backup/backupFiles';
import { fileStateText, intervalText, jobPercent, nextText, opensText, outcomeText } from '../../renderer/src/components/backup/backupText';
import { nextDue } from '../../backend/backup/scheduler';

const file = (over: Partial<BackupFileInfo> = {}): BackupFileInfo => ({
  name: 'a.pbbak',
  path: '/m/a.pbbak',
  bytes: 2048,
  createdAt: '2026-03-02T01:00:00Z',
  branchName: '黄河涯支局',
  sameBranch: true,
  state: 'ok',
  problem: null,
  opens: { password: 'admin', key: false },
  ...over,
});

describe('数据备份 wording', () => {
  it('names backup files after the branch and local time, safely for any USB stick', () => {
    expect(backupFileName('黄河涯支局', new Date(2026, 2, 2, 9, 5))).toBe('备份_黄河涯支局_20260302-0905.pbbak');
    expect(backupFileName('a/b:c*d?', new Date(2026, 0, 1, 0, 0))).toBe('备份_a-b-c-d_20260101-0000.pbbak');
    expect(backupFileName('  ', new Date(2026, 0, 1, 0, 0), '恢复前')).toBe('恢复前_网点_20260101-0000.pbbak');
  });

  it('says how the last backup went, and why not', () => {
    expect(outcomeText(null)).toEqual({ tone: 'none', text: '还没有备份过' });
    expect(
      outcomeText({ at: '2026-03-02T01:00:00Z', ok: true, trigger: 'scheduled', file: '/x', bytes: 3 * 1024 * 1024, message: null, removed: 2 }).text,
    ).toMatch(/（自动） 成功，3\.0 MB，已读回校验，清理旧备份 2 个$/);
    const failed = outcomeText({
      at: '2026-03-02T01:00:00Z',
      ok: false,
      trigger: 'manual',
      file: null,
      bytes: null,
      message: '备份位置不存在：E:\\',
      removed: 0,
    });
    expect(failed.tone).toBe('error');
    expect(failed.text).toContain('（手动） 失败：备份位置不存在');
  });

  it('labels intervals, files, what opens them and the next backup', () => {
    expect(intervalText(24)).toBe('每天');
    expect(intervalText(0)).toBe('不自动备份');
    expect(intervalText(3)).toBe('每 3 小时');
    expect(fileStateText(file())).toEqual({ color: 'success', text: '正常' });
    expect(fileStateText(file({ state: 'incomplete' })).text).toBe('不完整');
    expect(fileStateText(file({ sameBranch: false, branchName: '另一支局' })).text).toBe('其他网点：另一支局');
    expect(opensText(file({ opens: { password: 'admin', key: true } }))).toBe('管理员 admin 的密码 或 本机密钥或恢复密钥');
    const config = { destination: '/m', intervalHours: 24, keepDaily: 7, keepWeekly: 4, password: null, dataKey: false };
    expect(nextText({ config: { ...config, destination: null }, nextDueAt: null }, new Date())).toBe('请先设置备份位置');
    expect(nextText({ config: { ...config, intervalHours: 0 }, nextDueAt: null }, new Date())).toBe('已关闭自动备份');
    expect(jobPercent({ done: 5, total: 10 })).toBe(50);
    expect(jobPercent({ done: 0, total: 0 })).toBeNull();
  });

  it('accepts only .pbbak files for restore', () => {
    expect(checkBackupFile({ name: '客户.xlsx', size: 10 })).toContain('不是备份文件');
    expect(checkBackupFile({ name: 'x.pbbak', size: 0 })).toContain('是空的');
    expect(checkBackupFile({ name: '备份_网点_20260101-0900.PBBAK', size: 10 })).toBeNull();
  });
});

describe('schedule rule', () => {
  const cfg = { destination: '/m', intervalHours: 24 };
  const at = (iso: string) => new Date(iso);
  it('is due at once when never backed up, then a day after each success', () => {
    const now = at('2026-03-02T09:00:00Z');
    expect(nextDue(cfg, null, null, now)).toEqual(now);
    expect(nextDue(cfg, null, '2026-03-02T08:00:00Z', now)).toEqual(at('2026-03-03T08:00:00Z'));
    expect(nextDue({ ...cfg, intervalHours: 0 }, null, null, now)).toBeNull();
    expect(nextDue({ ...cfg, destination: null }, null, null, now)).toBeNull();
  });
  it('retries within the hour after a failure', () => {
    const failed = { at: '2026-03-03T08:00:00Z', ok: false, trigger: 'scheduled' as const, file: null, bytes: null, message: 'x', removed: 0 };
    expect(nextDue(cfg, failed, '2026-03-02T08:00:00Z', at('2026-03-03T08:00:00Z'))).toEqual(at('2026-03-03T09:00:00Z'));
  });
});
