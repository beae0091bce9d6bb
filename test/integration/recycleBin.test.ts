/**
 * 已删除 (recycle bin): a deleted customer can be found and restored for 90 days, with who deleted it, when and why
 * — not only during the seconds the undo toast is on screen. Merged and erased records never come back.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { validId } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

const DAY = 86_400_000;
const SUPERVISOR = { actor: '王主管', role: 'supervisor' as const };
const CLERK = { actor: '李营业员', role: 'clerk' as const };

async function clocked() {
  const clock = { now: new Date(2026, 10, 2, 9) };
  const b = await Backend.open({ dir: tmpDir(), create: true, now: () => clock.now });
  return { b, clock };
}

describe('recycle bin', () => {
  it('lists a deleted customer with who, when and why, and restores it days later', async () => {
    const { b, clock } = await clocked();
    const c = await call(b, 'customers.create', { name: '张三', phone: '13800138000' }, CLERK);
    await call(b, 'customers.delete', { id: c.id, reason: '已迁出' }, CLERK);
    clock.now = new Date(clock.now.getTime() + 20 * DAY);
    const bin = await call(b, 'customers.deleted', {}, SUPERVISOR);
    expect(bin.retentionDays).toBe(90);
    expect(bin.rows).toEqual([
      expect.objectContaining({
        id: c.id,
        code: c.code,
        name: '张三',
        deletedBy: '李营业员',
        reason: '已迁出',
        blocked: null,
        deletedAt: new Date(2026, 10, 2, 9).toISOString(),
      }),
    ]);
    expect(bin.rows[0]!.restorableUntil).toBe(new Date(new Date(2026, 10, 2, 9).getTime() + 90 * DAY).toISOString());
    const back = await call(b, 'customers.restore', { id: c.id }, CLERK);
    expect(back).toMatchObject({ name: '张三', phone: '13800138000' });
    expect((await call(b, 'customers.deleted', {})).total).toBe(0);
    expect((await call(b, 'customers.list', { query: '张三' })).total).toBe(1);
    await b.close();
  });

  it('shows clean-up batches by their reason, and finds a deleted customer by name or 客户编号', async () => {
    const { b } = await clocked();
    const a = await call(b, 'customers.create', { name: '无名一' });
    const c = await call(b, 'customers.create', { name: '无名二' });
    await call(b, 'customers.deleteMany', { ids: [a.id, c.id], reason: '清理' }, SUPERVISOR);
    const bin = await call(b, 'customers.deleted', {});
    expect(bin.rows.map((r) => [r.name, r.reason, r.deletedBy]).sort()).toEqual([
      ['无名一', '清理', '王主管'],
      ['无名二', '清理', '王主管'],
    ]);
    expect((await call(b, 'customers.deleted', { query: '无名二' })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await call(b, 'customers.deleted', { query: c.code!.toLowerCase() })).rows.map((r) => r.id)).toEqual([c.id]);
    await b.close();
  });

  it('refuses to restore after the 90 days, a merged record, an erased one, or one that was never deleted', async () => {
    const { b, clock } = await clocked();
    const old = await call(b, 'customers.create', { name: '老客户' });
    await call(b, 'customers.delete', { id: old.id });
    const keep = await call(b, 'customers.create', { name: '重复甲', phone: '13900139000' });
    const gone = await call(b, 'customers.create', { name: '重复甲', phone: '13900139000' });
    await call(b, 'customers.merge', { keepId: keep.id, mergeId: gone.id });
    const erased = await call(b, 'customers.create', { name: '要求删除' });
    await call(b, 'customers.erase', { id: erased.id, reason: '本人书面申请' }, SUPERVISOR);

    clock.now = new Date(clock.now.getTime() + 91 * DAY);
    const bin = await call(b, 'customers.deleted', {});
    // Merged and erased records are not offered at all; the old one is shown, without 恢复.
    expect(bin.rows.map((r) => r.name)).toEqual(['老客户']);
    expect(bin.rows[0]!.blocked).toContain('已超过 90 天保留期');
    await expect(call(b, 'customers.restore', { id: old.id })).rejects.toThrow('已超过 90 天保留期');
    await expect(call(b, 'customers.restore', { id: gone.id })).rejects.toThrow('已合并到“重复甲”');
    await expect(call(b, 'customers.restore', { id: erased.id })).rejects.toThrow('已按删除请求清除');
    await expect(call(b, 'customers.restore', { id: keep.id })).rejects.toThrow('没有被删除');
    // Restoring the merged record would have made the duplicate again.
    expect((await call(b, 'customers.list', { query: '重复甲' })).total).toBe(1);
    await b.close();
  });

  it('says so when the ID number was given to another customer meanwhile', async () => {
    const { b } = await clocked();
    const id = validId('37140219800101123');
    const first = await call(b, 'customers.create', { name: '赵六', idNumber: id });
    await call(b, 'customers.delete', { id: first.id });
    await call(b, 'customers.create', { name: '赵六', idNumber: id });
    expect((await call(b, 'customers.deleted', {}, SUPERVISOR)).rows[0]!.blocked).toContain('身份证号已登记在客户“赵六”名下');
    await expect(call(b, 'customers.restore', { id: first.id })).rejects.toThrow('身份证号已登记');
    await b.close();
  });

  it('is for administrators, supervisors and clerks, not carriers', async () => {
    const { b } = await clocked();
    await expect(call(b, 'customers.deleted', {}, { actor: '投递员', role: 'carrier' })).rejects.toThrow('无权');
    for (const role of ['admin', 'supervisor', 'clerk'] as const) expect((await call(b, 'customers.deleted', {}, { actor: role, role })).total).toBe(0);
    await b.close();
  });
});
