/**
 * Issue 20, point 11: a supervisor reads the 操作日志 without a developer. A day of work goes through the real
 * backend — set-up, users, a failed administrator log-in, customers, a merge, a campaign through its stages with a
 * filter and a dispatch, a visit, a letter template, postal codes, settings, exports — and every entry, as the
 * screen shows it (shared/auditText.ts over audit.list), is Chinese: names instead of ids, stage names, the filter
 * in words, and for the failed log-in the login tried and no role.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { auditPlainText, describeAudit } from '../../shared/auditText';
import { idCheckDigit } from '../../shared/idNumber';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: 'admin', role: 'admin' as const };
const PASSWORD = 'Branch-2026!';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const id17 = '37140219800101123';

/** English words left after taking out what is not language: customer codes, file names, an address, PDF/CSV. */
function englishIn(text: string): string[] {
  const t = text
    .replace(/\b[A-Z0-9]{2}-[0-9A-Z]{5,7}\b/g, '') // 客户编号 KM-00127X
    .replace(/[\w\u4e00-\u9fff-]+\.(xlsx|xls|csv|pdf|pbbak|pbsync)\b/gi, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\b(PDF|CSV)\b/g, '')
    .replace(/\b(admin|zhuguan|toudi1)\b/g, ''); // logins are names people chose
  return t.match(/[A-Za-z]{2,}/g) ?? [];
}

describe('the 操作日志 in Chinese (issue 20)', () => {
  it('every entry of a day of work reads in Chinese, with names instead of ids', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    await call(b, 'auth.setupAdmin', { login: 'admin', displayName: '王管理', password: PASSWORD }, ADMIN);
    await call(
      b,
      'setup.createBranch',
      { branchName: '黄河涯支局', postalCode: '253000', countyCode: '371402', townCodes: ['371402100'], extraVillages: [] },
      ADMIN,
    );
    // A failed administrator log-in, as the log-in screen sends it (no session: the caller is anonymous).
    const failed = await b.call('auth.login', { login: 'admin', password: 'wrong-password-1' }, { token: null });
    expect(failed.ok).toBe(false);
    const carrier = await call(b, 'users.create', { login: 'toudi1', displayName: '投递员甲', role: 'carrier', password: PASSWORD }, ADMIN);
    await call(b, 'users.update', { id: carrier.id, displayName: '投递员甲甲' }, ADMIN);
    const villages = await call(b, 'villages.list', {}, ADMIN);
    const v = villages[0]!;
    const zhang = await call(
      b,
      'customers.create',
      { name: '张三', idNumber: id17 + idCheckDigit(id17), phone: '13800138000', villageId: v.id, address: '1号', consent: true },
      ADMIN,
    );
    const twin = await call(b, 'customers.create', { name: '张三', phone: '13800138000', villageId: v.id, consent: true }, ADMIN);
    await call(
      b,
      'customers.update',
      { id: zhang.id, fields: { name: '张三', idNumber: zhang.idNumber, phone: '13800138000', villageId: v.id, address: '2号', consent: true } },
      ADMIN,
    );
    await call(b, 'customers.revealId', { id: zhang.id }, ADMIN);
    await call(b, 'customers.merge', { keepId: zhang.id, mergeId: twin.id }, ADMIN);
    const li = await call(b, 'customers.create', { name: '李四', villageId: v.id, address: '3号', consent: true }, ADMIN);
    await call(b, 'customers.delete', { id: li.id, reason: '重复录入' }, ADMIN);
    await call(b, 'customers.restore', { id: li.id }, ADMIN);
    await call(b, 'villages.rename', { id: v.id, name: `${v.name}（东片）` }, ADMIN);
    await call(b, 'mail.setTownPostalCode', { townCode: '371402100', postalCode: '253001' }, ADMIN);
    await call(b, 'settings.update', { postalCode: '253002', idleMinutes: 20 }, ADMIN);

    const campaign = await call(b, 'campaigns.create', { name: '冬季报刊上门征订', products: ['报刊'], channels: ['door', 'letter'] }, ADMIN);
    await call(b, 'campaigns.moveStage', { id: campaign.id, stage: 'analysis' }, ADMIN);
    await call(b, 'segments.save', { name: '东片有手机', filter: { villageIds: [v.id], hasPhone: true } }, ADMIN);
    await call(b, 'campaigns.freeze', { id: campaign.id, filter: { villageIds: [v.id], hasPhone: true } }, ADMIN);
    await call(b, 'dispatch.auto', { id: campaign.id, carrierIds: [carrier.id] }, ADMIN);
    const [target] = await call(b, 'visits.targets', { campaignId: campaign.id, carrierId: carrier.id }, ADMIN);
    await call(b, 'visits.record', { id: crypto.randomUUID(), targetId: target!.targetId, outcome: 'success', turnover: 12_000, revenue: 3_000 }, ADMIN);
    await call(b, 'letters.save', { campaignId: campaign.id, body: '尊敬的{称呼}：您好' }, ADMIN);
    await call(b, 'letters.remove', { campaignId: campaign.id }, ADMIN);
    await call(b, 'reports.csv', { name: 'campaign' } as never, ADMIN);
    await call(b, 'customers.export', {}, ADMIN);

    const log = await call(b, 'audit.list', { limit: 500 }, ADMIN);
    const views = log.rows.map((e) => ({ e, v: describeAudit(e, log.names), text: auditPlainText(describeAudit(e, log.names)) }));
    expect(views.length).toBeGreaterThan(20);
    // eslint-disable-next-line no-console -- opt-in (SHOW_AUDIT=1): prints every audit line for reading the wording.
    if (process.env['SHOW_AUDIT']) for (const x of views) console.log(x.text);
    for (const { e, text } of views) {
      expect(text, `${e.action}: ${text}`).not.toMatch(UUID);
      expect(englishIn(text), `${e.action}: ${text}`).toEqual([]);
      expect(text, `${e.action}: ${text}`).not.toContain('其他');
      expect(text).not.toMatch(/[{}[\]"]/);
    }
    const find = (action: string) => views.find((x) => x.e.action === action)!;

    // The failed log-in: the login tried, not proven, no role.
    const fail = find('login.failed');
    expect(fail.e.role).toBeNull();
    expect(fail.v).toMatchObject({ action: '登录失败', actor: '（未登录）', role: null });
    expect(fail.text).toContain('尝试的登录名：admin');

    // Names, not ids: the customer with their code, the campaign, the carrier.
    const code = (await call(b, 'customers.get', { id: zhang.id }, ADMIN)).code!;
    expect(find('customer.edit').v.target).toBe(`客户：张三（${code}）`);
    expect(find('customer.edit').text).toContain('地址：1号 → 2号');
    expect(find('customer.merge').text).toContain(`保留：张三（${code}）`);
    expect(find('campaign.stage').text).toContain('营销活动：冬季报刊上门征订');
    // The stage moved by hand, and then by the work itself (freezing, dispatch), with the reason.
    const stages = views.filter((x) => x.e.action === 'campaign.stage').map((x) => x.text);
    expect(stages.some((t) => t.includes('阶段：营销创意 → 数据分析'))).toBe(true);
    expect(stages.some((t) => t.includes('阶段：数据分析 → 营销策划 · 原因：已确定目标客户（自动）'))).toBe(true);
    expect(find('campaign.freeze').text).toContain(`筛选条件：村：${v.name}（东片）；有手机`);
    expect(find('campaign.dispatch').text).toMatch(/派工 · 营销活动：冬季报刊上门征订 · 方式：自动均衡派工 · 投递员：投递员甲甲（toudi1）/);
    expect(find('visit.record').text).toContain('走访结果：成功');
    expect(find('visit.record').text).toContain('流转额：¥120.00');
    expect(find('letters.save').text).toContain('保存商函模板 · 商函模板：冬季报刊上门征订 · 方案：全部目标');
    expect(find('postalCode.town').text).toContain('邮政编码：— → 253001');
    expect(find('postalCode.town').text).toContain('乡镇：二屯镇');
    expect(find('settings.edit').text).toContain('邮政编码：253000 → 253002');
    expect(find('reveal').text).toContain('字段：身份证号');
    expect(find('user.edit').text).toContain('姓名：投递员甲 → 投递员甲甲');
    expect(find('export').v.action).toBe('导出');
    await b.close();
  });
});
