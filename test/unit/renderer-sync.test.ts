/** How the sync state reads (top-bar tag, 同步 page) and what saving the 市局同步 settings means. */
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/sync';
import { planHubSave } from '../../renderer/src/components/sync/HubSettingsCard';
import { checkReplyFile } from '../../renderer/src/components/sync/SyncFilesPanel';
import { conflictValueText, syncBadge, syncErrorText, syncResultText } from '../../renderer/src/components/sync/syncText';

/** Local wall-clock times, so the expected text does not depend on the machine's time zone. */
const at = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();

const base: SyncStatus = {
  configured: true,
  hubUrl: 'https://hub.example.cn',
  branchId: 'b1',
  branchName: '城关支局',
  intervalMinutes: 10,
  running: false,
  pending: 0,
  openConflicts: 0,
  lastSuccessAt: at(2026, 5, 1, 14, 30),
  lastAttemptAt: at(2026, 5, 1, 14, 30),
  lastError: null,
  offlineSince: null,
  nextAttemptAt: at(2026, 5, 1, 14, 40),
  problems: [],
};

describe('the sync tag in the top bar', () => {
  it('says 未设置同步 before the hub is set up, whatever else the status holds', () => {
    expect(syncBadge({ ...base, configured: false, pending: 3 })).toMatchObject({ text: '未设置同步', tone: 'none' });
  });

  it('says 已同步 with the time when nothing waits', () => {
    const b = syncBadge(base);
    expect(b).toMatchObject({ text: '已同步 2026-05-01 14:30', tone: 'ok' });
    expect(b.detail).toContain('下次自动同步：2026-05-01 14:40');
  });

  it('counts the changes waiting', () => {
    expect(syncBadge({ ...base, pending: 7 })).toMatchObject({ text: '待同步 7 条', tone: 'pending' });
  });

  it('reads offline calmly, with since when, and keeps the waiting count in the tooltip', () => {
    const b = syncBadge({
      ...base,
      pending: 4,
      offlineSince: at(2026, 5, 2, 15, 5),
      lastError: { code: 'OFFLINE', message: '连不上', at: at(2026, 5, 2, 16, 0) },
    });
    expect(b).toMatchObject({ text: '离线 自 2026-05-02 15:05', tone: 'offline' });
    expect(b.detail).toContain('待同步 4 条变更');
    expect(b.detail).toContain('数据照常保存在本机');
  });

  it('puts conflicts before offline and pending: they wait for a person', () => {
    expect(syncBadge({ ...base, pending: 2, openConflicts: 3, offlineSince: at(2026, 5, 2, 15, 5) })).toMatchObject({ text: '有冲突 3', tone: 'conflict' });
  });

  it('shows a running sync above everything else once configured', () => {
    expect(syncBadge({ ...base, running: true, openConflicts: 1 })).toMatchObject({ text: '正在同步…', tone: 'running' });
  });

  it('names a refusal (not offline) as an error with the backend’s own words', () => {
    const b = syncBadge({ ...base, lastError: { code: 'FORBIDDEN', message: '网点令牌无效或已停用', at: at(2026, 5, 2, 9, 0) } });
    expect(b).toMatchObject({ text: '同步未成功', tone: 'error' });
    expect(b.detail).toContain('网点令牌无效或已停用');
  });

  it('says 尚未同步 for a configured branch that never got through', () => {
    expect(syncBadge({ ...base, lastSuccessAt: null })).toMatchObject({ text: '尚未同步', tone: 'pending' });
  });
});

describe('sync texts on the 同步 page', () => {
  it('sums up a run as 上传 / 下载 / 新冲突, and mentions refusals only when there are some', () => {
    expect(syncResultText({ pushed: 3, pulled: 12, conflicts: 1, rejected: 0 })).toBe('上传 3 条 / 下载 12 条 / 新冲突 1 条');
    expect(syncResultText({ pushed: 3, pulled: 0, conflicts: 0, rejected: 2 })).toContain('市局拒收 2 条');
  });

  it('explains offline as normal and other errors with their time', () => {
    expect(syncErrorText(base)).toBeNull();
    const off = syncErrorText({ ...base, offlineSince: at(2026, 5, 2, 15, 5), lastError: { code: 'OFFLINE', message: 'x', at: at(2026, 5, 2, 16, 0) } });
    expect(off?.offline).toBe(true);
    expect(off?.text).toContain('自 2026-05-02 15:05 起连不上市局服务器');
    const bad = syncErrorText({ ...base, lastError: { code: 'VALIDATION', message: '市局服务器拒绝了请求（400）', at: at(2026, 5, 2, 16, 0) } });
    expect(bad).toEqual({ offline: false, text: '2026-05-02 16:00 同步未成功：市局服务器拒绝了请求（400）' });
  });

  it('names empty conflict values', () => {
    expect(conflictValueText(null)).toBe('（空）');
    expect(conflictValueText('')).toBe('（空）');
    expect(conflictValueText('13800000001')).toBe('13800000001');
  });

  it('refuses empty and oversized reply files before reading them', () => {
    expect(checkReplyFile({ name: 'a.pbsync', size: 0 })).toContain('是空的');
    expect(checkReplyFile({ name: 'a.pbsync', size: 15 * 1024 * 1024 })).toContain('超过 14 MB');
    expect(checkReplyFile({ name: '回执.dat', size: 1000 })).toBeNull();
  });
});

describe('saving the 市局同步 settings', () => {
  const fresh = { configured: false, hubUrl: null };
  const set = { configured: true, hubUrl: 'https://hub.example.cn' };

  it('configures when a token is given, defaulting the interval to 10 minutes', () => {
    expect(planHubSave({ hubUrl: ' https://hub.example.cn ', token: ' b1.secret ', intervalMinutes: null }, fresh)).toEqual({
      kind: 'configure',
      hubUrl: 'https://hub.example.cn',
      token: 'b1.secret',
      intervalMinutes: 10,
    });
  });

  it('asks for the token on first set-up and when the address changes', () => {
    expect(planHubSave({ hubUrl: 'https://hub.example.cn', token: '', intervalMinutes: 10 }, fresh)).toMatchObject({ kind: 'invalid', field: 'token' });
    expect(planHubSave({ hubUrl: 'https://other.example.cn', token: '', intervalMinutes: 10 }, set)).toMatchObject({
      kind: 'invalid',
      field: 'token',
      message: '更换市局服务器地址时，请再次填写网点令牌',
    });
  });

  it('only changes the interval when the token is left empty on the same address', () => {
    expect(planHubSave({ hubUrl: 'https://hub.example.cn/', token: '', intervalMinutes: 30 }, set)).toEqual({ kind: 'interval', intervalMinutes: 30 });
  });

  it('refuses an interval outside 1–1440 minutes', () => {
    expect(planHubSave({ hubUrl: 'https://hub.example.cn', token: 'b1.x', intervalMinutes: 0 }, set)).toMatchObject({
      kind: 'invalid',
      field: 'intervalMinutes',
    });
    expect(planHubSave({ hubUrl: 'https://hub.example.cn', token: 'b1.x', intervalMinutes: 2000 }, set)).toMatchObject({
      kind: 'invalid',
      field: 'intervalMinutes',
    });
  });
});
