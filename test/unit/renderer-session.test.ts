import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Village } from '../../shared/domain';
import { idCheckDigit, maskIdNumber } from '../../shared/idNumber';
import { api, authEvents, type AuthProblem } from '../../renderer/src/api';
import { auditChanges as changesOf, auditValueText as plain } from '../../shared/auditText';
import { idNumberRuleFor, isMaskedId } from '../../renderer/src/lib/customerForm';
import { roleMayCall } from '../../renderer/src/lib/session';
import { searchVillages, shortVillageName } from '../../renderer/src/lib/villageSearch';

const village = (name: string, code: string | null, initials: string, townName: string | null = '黄河涯镇'): Village => ({
  id: name,
  code,
  name,
  kind: 'village',
  townCode: null,
  townName,
  street: null,
  building: null,
  edition: null,
  initials,
  postalCode: null,
  customerCount: 0,
  notServedAt: null,
  notServedBy: null,
  createdAt: '',
  updatedAt: '',
});

const VILLAGES = [
  village('耿李杨村委会', '371402101274', 'glycwh'),
  village('东风村民委员会', '371402101300', 'dfcmwyh'),
  village('黄河涯村委会', '371402101293', 'hhycwh'),
  village('张庄自然村', null, 'zzzrc', '二屯镇'),
];

describe('village picker search', () => {
  it('finds by name, short name, pinyin initials and code, best match first', () => {
    expect(shortVillageName('东风村民委员会')).toBe('东风');
    expect(searchVillages(VILLAGES, '东风').map((v) => v.name)).toEqual(['东风村民委员会']);
    expect(searchVillages(VILLAGES, '东风村').map((v) => v.name)).toEqual(['东风村民委员会']);
    expect(searchVillages(VILLAGES, 'dfc').map((v) => v.name)).toEqual(['东风村民委员会']);
    expect(searchVillages(VILLAGES, 'HHYC').map((v) => v.name)).toEqual(['黄河涯村委会']);
    expect(searchVillages(VILLAGES, '371402101293').map((v) => v.name)).toEqual(['黄河涯村委会']);
    // A code prefix finds every coded village under it; hand-made ones have none to match.
    expect(searchVillages(VILLAGES, '3714021012')).toHaveLength(2);
    // The village named like its town comes before the town's other villages.
    expect(searchVillages(VILLAGES, '黄河涯').map((v) => v.name)).toEqual(['黄河涯村委会', '耿李杨村委会', '东风村民委员会']);
    expect(searchVillages(VILLAGES, '')).toHaveLength(4);
    expect(searchVillages(VILLAGES, '没有')).toEqual([]);
  });
});

describe('masked ID numbers in the customer form', () => {
  const id17 = '37140219800101123';
  const id = id17 + idCheckDigit(id17);
  const masked = maskIdNumber(id);
  const check = (original: string | null, v: string) => (idNumberRuleFor(original) as { validator: (r: unknown, v: string) => Promise<void> }).validator({}, v);

  it('accepts the masked value the form opened with, and nothing else masked', async () => {
    expect(isMaskedId(masked)).toBe(true);
    expect(isMaskedId(id)).toBe(false);
    await expect(check(masked, masked)).resolves.toBeUndefined();
    await expect(check(masked, masked.toLowerCase())).resolves.toBeUndefined();
    await expect(check(masked, masked.replace('3714', '3715'))).rejects.toThrow('身份证号已打码');
    await expect(check(null, masked)).rejects.toThrow('身份证号已打码');
    await expect(check(masked, id)).resolves.toBeUndefined();
    await expect(check(masked, id17 + (id.endsWith('1') ? '2' : '1'))).rejects.toThrow('校验位');
    await expect(check(masked, '')).resolves.toBeUndefined();
  });
});

describe('roles and the audit log', () => {
  it('knows which role may call what', () => {
    expect(roleMayCall('carrier', 'customers.create')).toBe(false);
    expect(roleMayCall('carrier', 'customers.revealId')).toBe(false);
    expect(roleMayCall('clerk', 'customers.revealId')).toBe(true);
    expect(roleMayCall('clerk', 'users.list')).toBe(false);
    expect(roleMayCall('supervisor', 'audit.list')).toBe(true);
    expect(roleMayCall('carrier', 'auth.login')).toBe(true);
  });

  it('reads audit details as old → new per changed field', () => {
    expect(changesOf({ old: { name: '张三', phone: '1' }, new: { name: '张三丰', phone: '1' } })).toEqual([{ label: '姓名', from: '张三', to: '张三丰' }]);
    expect(changesOf({ old: { role: 'clerk', disabled: false }, new: { role: 'carrier', disabled: true } })).toEqual([
      { label: '角色', from: '营业员', to: '投递员' },
      { label: '停用', from: '否', to: '是' },
    ]);
    expect(changesOf({ login: 'x' })).toBeNull();
    expect(plain('tags', '["教师","私家车主"]')).toBe('教师、私家车主');
    expect(plain('address', null)).toBe('—');
  });
});

describe('api: locked and signed-out sessions', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('waits for the unlock and runs a call refused with LOCKED again', async () => {
    const replies = [
      { ok: false, error: { code: 'LOCKED', message: '屏幕已锁定' } },
      { ok: true, value: { rows: [], total: 7 } },
    ];
    const fetch = vi.fn(async () => new Response(JSON.stringify(replies.shift()), { headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const seen: AuthProblem[] = [];
    const off = authEvents.on((p) => {
      seen.push(p);
      setTimeout(() => authEvents.settle(true), 10);
    });
    try {
      await expect(api['customers.list']({})).resolves.toEqual({ rows: [], total: 7 });
      expect(seen).toEqual(['LOCKED']);
      expect(fetch).toHaveBeenCalledTimes(2);
    } finally {
      off();
    }
  });

  it('gives up with the LOCKED error when the session ends instead, and reports UNAUTHENTICATED', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ ok: false, error: { code: 'LOCKED', message: '屏幕已锁定' } })));
    const off = authEvents.on(() => setTimeout(() => authEvents.settle(false), 10));
    await expect(api['customers.list']({})).rejects.toMatchObject({ code: 'LOCKED' });
    off();

    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })));
    const seen: AuthProblem[] = [];
    const off2 = authEvents.on((p) => seen.push(p));
    await expect(api['villages.list']({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(seen).toEqual(['UNAUTHENTICATED']);
    off2();
  });
});
